# Sourced by scale-out-check.sh: check 6, kill -9 of the worker in the middle of an urgent fan-out.
# FAN extra parents join the demo school; the school admin posts a school-wide urgent message
# through nginx; once some mails are out, the worker process is killed with SIGKILL and a new one
# started. Every parent must get the mail, within 30 s (the sliding invisibility timeout, then
# the row lease) plus the sending time, and only a mail whose send was under way at the kill may
# arrive twice (at-least-once: the crash-after-SMTP-accept window; same Message-ID).
FAN=${SCALE_OUT_FAN:-600}
ADMIN=directie@regenboog.test
pg() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d schoolplein "$@"; }

pg -v fan="$FAN" -v slug="$SCHOOL" >/dev/null <<'SQL' || fail "could not add the fan-out parents"
CREATE TEMP TABLE fan AS
SELECT n, gen_random_uuid() AS parent, gen_random_uuid() AS pupil,
       (SELECT id FROM tenants WHERE slug = :'slug') AS tenant
FROM generate_series(1, :fan) n;
INSERT INTO users (id, tenant_id, first_name, last_name, language, created_at, notify_by, user_name, normalized_user_name,
                   email, normalized_email, email_confirmed, password_hash, security_stamp, concurrency_stamp,
                   phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count,
                   phone_visible_to_parents, email_digest)
SELECT parent, tenant, 'Ouder', 'Fan ' || n, 'nl', now(), 1, 'fan-' || n || '@regenboog.test', upper('fan-' || n || '@regenboog.test'),
       'fan-' || n || '@regenboog.test', upper('fan-' || n || '@regenboog.test'), true, NULL,
       upper(replace(gen_random_uuid()::text, '-', '')), gen_random_uuid()::text, false, false, true, 0, false, false
FROM fan;
INSERT INTO user_roles (user_id, role_id, tenant_id) SELECT parent, (SELECT id FROM roles WHERE name = 'Parent'), tenant FROM fan;
INSERT INTO pupils (id, tenant_id, first_name, last_name, date_of_birth, group_id, created_at, sex, year_level)
SELECT pupil, tenant, 'Kind', 'Fan ' || n, date '2019-03-01', (SELECT id FROM groups WHERE tenant_id = fan.tenant ORDER BY name LIMIT 1),
       now(), 1, '3'
FROM fan;
INSERT INTO guardianships (tenant_id, pupil_id, user_id, relation, linked_at) SELECT tenant, pupil, parent, 'Parent', now() FROM fan;
SQL

fan_mails() { # -> "messages distinct-recipients" of the fan-out parents in smtp4dev
  curl -fsS "http://127.0.0.1:$SMTP_WEB/api/messages?page=1&pageSize=20000" \
    | jq -r '[.results[] | .to[] | ascii_downcase | select(startswith("fan-"))] | "\(length) \(unique | length)"'
}

AJAR="$WORK/admin-cookies.txt"
page=$(http "$PROXY" /Account/SignIn -c "$AJAR" -b "$AJAR")
code=$(http "$PROXY" /Account/SignIn -c "$AJAR" -b "$AJAR" -o /dev/null -w '%{http_code}' \
  --data-urlencode "__RequestVerificationToken=$(printf '%s' "$page" | token_of)" \
  --data-urlencode "Input.Email=$ADMIN" --data-urlencode "Input.Password=$PASSWORD")
[ "$code" = 302 ] || fail "the school admin could not sign in ($code)"
page=$(http "$PROXY" /nieuws/nieuw -f -c "$AJAR" -b "$AJAR") || fail "no form for a new post"
form_key=$(grep -o 'name="__FormKey" type="hidden" value="[^"]*"' <<<"$page" | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/')
code=$(http "$PROXY" /nieuws/nieuw -c "$AJAR" -b "$AJAR" -o /dev/null -w '%{http_code}' \
  -F "__RequestVerificationToken=$(printf '%s' "$page" | token_of)" -F "__FormKey=$form_key" \
  -F "Form.Urgent=true" -F "Form.SchoolWide=true" -F "Form.Title=Studiedag morgen: school dicht" \
  -F "Form.Body=Morgen is de school dicht vanwege een studiedag.")
[ "$code" = 302 ] || fail "posting the urgent message answered $code (expected 302)"

read -r before _ <<<"$(fan_mails)"
for _ in $(seq 1 240); do
  read -r sent _ <<<"$(fan_mails)"
  [ "$sent" -ge 30 ] && break
  sleep 0.05
done
kill -KILL "${PIDS[worker]}"; wait "${PIDS[worker]}" 2>/dev/null || true; unset 'PIDS[worker]'
sleep 1
read -r at_kill _ <<<"$(fan_mails)"
[ "$at_kill" -ge 1 ] || fail "no fan-out mail was out after 12 s, nothing to interrupt (before: $before)"
[ "$at_kill" -lt "$FAN" ] || fail "the fan-out of $FAN mails finished before the kill; raise SCALE_OUT_FAN"
killed_at=$SECONDS
start_worker
ready "$WORKER" || fail "the worker did not come back after kill -9"
back=$((SECONDS - killed_at))
resumed=""
for _ in $(seq 1 480); do
  read -r total distinct <<<"$(fan_mails)"
  [ -z "$resumed" ] && [ "$total" -gt "$at_kill" ] && resumed=$((SECONDS - killed_at))
  [ "$distinct" -ge "$FAN" ] && break
  sleep 0.25
done
complete=$((SECONDS - killed_at))
[ "$distinct" -ge "$FAN" ] || fail "after kill -9 of the worker only $distinct of $FAN parents got the urgent mail ($complete s)"
twice=$((total - distinct))
# At most one send under way per worker thread (Jobs:WorkerCount, default 5) can be repeated.
[ "$twice" -le 5 ] || fail "$twice parents got the urgent mail twice after the kill (at most the sends under way may repeat)"
# The fetched batches come back after the 30 s invisibility timeout; rows caught mid-send after their 60 s lease.
[ "${resumed:-999}" -le $((back + 35)) ] || fail "sending resumed ${resumed:-never} s after the kill (worker back after $back s; 30 s expected)"
[ "$complete" -le $((back + 75)) ] || fail "the fan-out was complete only $complete s after the kill (lease 60 s)"
pass "kill -9 of the worker at $at_kill of $FAN mails: worker back after $back s, sending resumed after $resumed s, all $FAN parents had it after $complete s, $twice twice"
