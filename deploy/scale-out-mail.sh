# Sourced by scale-out-check.sh. produce_mail PORT ADDRESS: through the instance (or nginx) on
# PORT, a user-facing action of the school app that writes an outbox mail to ADDRESS, which must
# be an account of the demo school: "forgot password" (the reset mail goes through the outbox and
# a delivery job, like every mail of the app).
produce_mail() {
  local port="$1" address="$2" jar="$WORK/mail-cookies-$RANDOM.txt" page token code
  page=$(http "$port" /Account/ForgotPassword -f -c "$jar" -b "$jar") || { log "GET /Account/ForgotPassword failed"; return 1; }
  token=$(printf '%s' "$page" | token_of)
  [ -n "$token" ] || { log "no antiforgery token on /Account/ForgotPassword"; return 1; }
  code=$(http "$port" /Account/ForgotPassword -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Email=$address")
  [ "$code" = 200 ] || { log "POST /Account/ForgotPassword answered $code"; return 1; }
}
