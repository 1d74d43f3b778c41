-- Benchmark data set, generated inside PostgreSQL (INSERT ... SELECT generate_series) as the
-- owner role after the real migrations. Deterministic: every id is md5(kind:number) and every
-- time is relative to a fixed anchor (except the conference round, which must be open now).
--
--   200 schools (bench-001 .. bench-200), 16 groups, 16 teachers and 1 admin each
--   60,000 parents: 1,000 in bench-001 (the fan-out school), 59,000 over the other 199
--   80,000 pupils:  1,000 in bench-001, 79,000 over the other 199
--   guardian links: bench-001 one parent per pupil; elsewhere every pupil one guardian and the
--                   first 150 pupils of a school a second one (parents with one or two children)
--   400,000 posts (2,000 per school over ~14 months): 30% school-wide, 70% for one group;
--                   4 pinned and 20 urgent per school; likes on every tenth post
--   urgent recipients (every guardian of the group) and read receipts (about 85% of them)
--   160,000 absence reports (two per pupil, finished)
--   bench-001: a conference round for groups 1-4 with 20 open slots of the teacher of group 1
--
-- psql variables: pwhash (ASP.NET Core Identity hash of the shared password).
\set ON_ERROR_STOP on
SET synchronous_commit = off;
BEGIN;

CREATE FUNCTION pg_temp.bid(kind text, n bigint) RETURNS uuid
  LANGUAGE sql IMMUTABLE AS $$ SELECT md5(kind || ':' || n)::uuid $$;
CREATE FUNCTION pg_temp.parents(s int) RETURNS int
  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN s = 1 THEN 1000 WHEN s - 2 < 96 THEN 297 ELSE 296 END $$;
CREATE FUNCTION pg_temp.pupils(s int) RETURNS int
  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN s = 1 THEN 1000 WHEN s - 2 < 3 THEN 396 ELSE 397 END $$;
CREATE FUNCTION pg_temp.slug(s int) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT 'bench-' || lpad(s::text, 3, '0') $$;

-- Row-level security is forced for the owner too; lift it for this transaction only.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users','user_roles','groups','group_teachers','pupils','guardianships','posts','post_groups',
    'post_likes','urgent_recipients','urgent_read_receipts','absence_reasons','absence_reports',
    'conference_rounds','conference_round_groups','conference_slots'] LOOP
    EXECUTE format('ALTER TABLE public.%I NO FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;

CREATE TEMP TABLE anchor AS SELECT timestamptz '2026-11-20 08:00:00+00' AS at;

CREATE TEMP TABLE first_names(i int, name text);
INSERT INTO first_names SELECT i - 1, n FROM unnest(ARRAY['Sanne','Daan','Fatima','Lucas','Emma','Mohammed','Julia','Sem',
  'Noor','Levi','Anouk','Milan','Yara','Finn','Lotte','Bram','Zeynep','Thijs','Eva','Ravi']) WITH ORDINALITY AS a(n, i);
CREATE TEMP TABLE last_names(i int, prefix text, name text);
INSERT INTO last_names SELECT i - 1, p, n FROM unnest(
  ARRAY[NULL,'de',NULL,'van',NULL,'van der',NULL,NULL,'van ''t',NULL,'de',NULL,NULL,'van den',NULL],
  ARRAY['Jansen','Vries','Bakker','Dijk','Visser','Berg','Smit','Meijer','Hof','Mulder','Boer','Yilmaz','El Amrani','Heuvel','Pinas'])
  WITH ORDINALITY AS a(p, n, i);

-- ------------------------------------------------------------------ schools
INSERT INTO tenants (id, slug, name, status, primary_color, locale, time_zone, address, phone, contact_email, modules,
                     created_at, updated_at, billing_status, plan, suspended_for_billing)
SELECT pg_temp.bid('t', s), pg_temp.slug(s), 'Kindcentrum Bench ' || s, 'Active', '#1D5FA8', 'nl-NL', 'Europe/Amsterdam',
       'Schoolstraat ' || s || ', Utrecht', '030 123 ' || lpad(s::text, 4, '0'), 'info@' || pg_temp.slug(s) || '.test',
       ARRAY['Absence','Leave','Questions','Calendar','Conferences','Comments','Consent'],
       (SELECT at FROM anchor) - interval '2 years', (SELECT at FROM anchor) - interval '2 years', 'Active', 'standard', false
FROM generate_series(1, 200) s;

INSERT INTO groups (id, tenant_id, name, school_year, year_levels, sort_order, created_at)
SELECT pg_temp.bid('g', s * 100 + g), pg_temp.bid('t', s), 'Groep ' || (g / 2 + 1) || chr(97 + g % 2), '2026-2027',
       (g / 2 + 1)::text, g, (SELECT at FROM anchor) - interval '1 year'
FROM generate_series(1, 200) s, generate_series(0, 15) g;

-- ------------------------------------------------------------------ people
CREATE TEMP TABLE people AS
SELECT pg_temp.bid('u-t', s * 100 + t) AS id, s, 'Teacher' AS role, t AS l,
       'leerkracht' || t || '@' || pg_temp.slug(s) || '.test' AS email FROM generate_series(1, 200) s, generate_series(0, 15) t
UNION ALL
SELECT pg_temp.bid('u-a', s), s, 'SchoolAdmin', 0, 'directie@' || pg_temp.slug(s) || '.test' FROM generate_series(1, 200) s
UNION ALL
SELECT pg_temp.bid('u-p', s * 100000 + l), s, 'Parent', l, 'ouder' || l || '@' || pg_temp.slug(s) || '.test'
FROM generate_series(1, 200) s, LATERAL generate_series(0, pg_temp.parents(s) - 1) l;

INSERT INTO users (id, tenant_id, first_name, last_name_prefix, last_name, language, created_at, notify_by,
                   user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash,
                   security_stamp, concurrency_stamp, phone_number, phone_number_confirmed, two_factor_enabled,
                   lockout_enabled, access_failed_count, phone_visible_to_parents, email_digest)
SELECT p.id, pg_temp.bid('t', p.s), f.name, n.prefix, n.name, 'nl', (SELECT at FROM anchor) - interval '1 year', 3,
       p.email, upper(p.email), p.email, upper(p.email), true, :'pwhash',
       upper(replace(pg_temp.bid('stamp', hashtext(p.email))::text, '-', '')), pg_temp.bid('cc', hashtext(p.email))::text,
       '06' || lpad(((p.s * 7919 + p.l * 104729) % 100000000)::text, 8, '0'), false, false, true, 0, p.l % 3 = 0, false
FROM people p
JOIN first_names f ON f.i = (p.l + p.s) % 20
JOIN last_names n ON n.i = (p.l * 7 + p.s) % 15;

INSERT INTO user_roles (user_id, role_id, tenant_id)
SELECT p.id, r.id, pg_temp.bid('t', p.s) FROM people p JOIN roles r ON r.name = p.role;

INSERT INTO group_teachers (tenant_id, group_id, user_id)
SELECT pg_temp.bid('t', s), pg_temp.bid('g', s * 100 + g), pg_temp.bid('u-t', s * 100 + g)
FROM generate_series(1, 200) s, generate_series(0, 15) g;
-- bench-001: the teacher of group 1a also teaches groups 1b, 2a and 2b (the conference round).
INSERT INTO group_teachers (tenant_id, group_id, user_id)
SELECT pg_temp.bid('t', 1), pg_temp.bid('g', 100 + g), pg_temp.bid('u-t', 100) FROM generate_series(1, 3) g;

INSERT INTO pupils (id, tenant_id, first_name, last_name_prefix, last_name, date_of_birth, group_id, created_at, sex, year_level)
SELECT pg_temp.bid('k', s * 100000 + l), pg_temp.bid('t', s), f.name, n.prefix, n.name,
       date '2015-01-01' + ((l * 37 + s) % 2900), pg_temp.bid('g', s * 100 + l % 16), (SELECT at FROM anchor) - interval '1 year',
       (1 + l % 2)::smallint, ((l % 16) / 2 + 1)::text
FROM generate_series(1, 200) s CROSS JOIN LATERAL generate_series(0, pg_temp.pupils(s) - 1) l
JOIN first_names f ON f.i = (l * 3 + s + 7) % 20
JOIN last_names n ON n.i = (l * 7 + s) % 15;

CREATE TEMP TABLE links AS
SELECT s, l AS pupil, CASE WHEN s = 1 THEN l ELSE l % pg_temp.parents(s) END AS parent
FROM generate_series(1, 200) s, LATERAL generate_series(0, pg_temp.pupils(s) - 1) l
UNION ALL
SELECT s, l, (l + pg_temp.parents(s) / 2) % pg_temp.parents(s)
FROM generate_series(2, 200) s, generate_series(0, 149) l;

INSERT INTO guardianships (tenant_id, pupil_id, user_id, relation, linked_at)
SELECT pg_temp.bid('t', s), pg_temp.bid('k', s * 100000 + pupil), pg_temp.bid('u-p', s * 100000 + parent), 'Parent',
       (SELECT at FROM anchor) - interval '300 days'
FROM links;

-- ------------------------------------------------------------------ posts
CREATE TEMP TABLE post_plan AS
SELECT s, i, pg_temp.bid('post', s * 10000 + i) AS id,
       i % 10 < 3 AS school_wide, (i * 7) % 16 AS g,
       i % 500 = 7 AS pinned, i % 100 = 55 AS urgent,
       (SELECT at FROM anchor) - i * interval '5 hours' - s * interval '1 minute' AS published_at
FROM generate_series(1, 200) s, generate_series(0, 1999) i;
UPDATE post_plan SET school_wide = false WHERE urgent;

INSERT INTO posts (id, tenant_id, author_id, title, body_html, body_text, urgent, pinned, allow_comments, allow_likes,
                   published_at, escalation_stage, reminded_at)
SELECT id, pg_temp.bid('t', s),
       CASE WHEN school_wide THEN pg_temp.bid('u-a', s) ELSE pg_temp.bid('u-t', s * 100 + g) END,
       CASE WHEN urgent THEN 'Belangrijk: gewijzigde schooltijden op dag ' || i
            WHEN school_wide THEN 'Nieuwsbrief ' || i || ': schoolnieuws en agenda'
            ELSE 'Nieuws uit de groep, week ' || (i % 52 + 1) END,
       '<p>Beste ouders en verzorgers,</p><p>Deze week (bericht ' || i || ') hebben we gewerkt aan het thema '
         || (ARRAY['de seizoenen','het verkeer','de ruimte','dieren in de winter','vroeger en nu'])[i % 5 + 1]
         || '. De kinderen hebben in groepjes een onderzoek gedaan en hun resultaten gepresenteerd aan de klas.</p>'
         || '<p>Op <strong>vrijdag</strong> is er een inloopmoment van 8.15 tot 8.45 uur. U bent van harte welkom om het werk te bekijken.</p>'
         || '<ul><li>Neem gymkleding mee op dinsdag.</li><li>De bibliotheekboeken graag terug voor het einde van de maand.</li></ul>'
         || '<p>Met vriendelijke groet, het team</p>',
       'Beste ouders en verzorgers, Deze week (bericht ' || i || ') hebben we gewerkt aan het thema '
         || (ARRAY['de seizoenen','het verkeer','de ruimte','dieren in de winter','vroeger en nu'])[i % 5 + 1]
         || '. De kinderen hebben in groepjes een onderzoek gedaan en hun resultaten gepresenteerd aan de klas. '
         || 'Op vrijdag is er een inloopmoment van 8.15 tot 8.45 uur. U bent van harte welkom om het werk te bekijken. '
         || 'Neem gymkleding mee op dinsdag. De bibliotheekboeken graag terug voor het einde van de maand. Met vriendelijke groet, het team',
       urgent, pinned, i % 4 = 0, true, published_at,
       CASE WHEN urgent THEN 2 ELSE 0 END, CASE WHEN urgent THEN published_at + interval '1 day' END
FROM post_plan;

INSERT INTO post_groups (tenant_id, post_id, group_id)
SELECT pg_temp.bid('t', s), id, pg_temp.bid('g', s * 100 + g) FROM post_plan WHERE NOT school_wide;

INSERT INTO post_likes (tenant_id, post_id, user_id, created_at)
SELECT pg_temp.bid('t', s), id, pg_temp.bid('u-p', s * 100000 + (i + k * 13) % pg_temp.parents(s)), published_at + k * interval '1 hour'
FROM post_plan, generate_series(0, 2) k WHERE i % 10 = 0;

-- Urgent messages: every guardian of the group's pupils was a recipient; about 85% opened it.
CREATE TEMP TABLE urgent_plan AS
SELECT pp.s, pp.i, pp.id AS post_id, pp.published_at, l.pupil, l.parent
FROM post_plan pp JOIN links l ON l.s = pp.s AND l.pupil % 16 = pp.g
WHERE pp.urgent;

INSERT INTO urgent_recipients (tenant_id, post_id, pupil_id, user_id)
SELECT pg_temp.bid('t', s), post_id, pg_temp.bid('k', s * 100000 + pupil), pg_temp.bid('u-p', s * 100000 + parent) FROM urgent_plan;

INSERT INTO urgent_read_receipts (id, tenant_id, post_id, user_id, read_at)
SELECT pg_temp.bid('receipt', s * 10000000::bigint + i * 1000 + parent), pg_temp.bid('t', s), post_id,
       pg_temp.bid('u-p', s * 100000 + parent), min(published_at) + (parent % 90) * interval '1 minute'
FROM urgent_plan
WHERE (parent * 31 + i) % 20 >= 3
GROUP BY s, i, post_id, parent;

-- ------------------------------------------------------------------ absences
INSERT INTO absence_reasons (id, tenant_id, code, name, phone_only, active, sort_order, created_at)
SELECT pg_temp.bid('reason', s * 10 + r), pg_temp.bid('t', s), (ARRAY['sick','doctor','family','other'])[r + 1], NULL,
       false, true, r * 10, (SELECT at FROM anchor) - interval '1 year'
FROM generate_series(1, 200) s, generate_series(0, 3) r;

INSERT INTO absence_reports (id, tenant_id, pupil_id, reason_id, from_date, to_date, reported_by_id, reported_at, ended_by_id, ended_at)
SELECT pg_temp.bid('absence', (s * 100000 + pupil) * 2 + k), pg_temp.bid('t', s), pg_temp.bid('k', s * 100000 + pupil),
       pg_temp.bid('reason', s * 10 + (pupil + k) % 4),
       d, d + (pupil % 3), pg_temp.bid('u-p', s * 100000 + parent), d::timestamptz + interval '7 hours',
       pg_temp.bid('u-p', s * 100000 + parent), (d + (pupil % 3))::timestamptz + interval '15 hours'
FROM (
  SELECT s, pupil, parent, k, ((SELECT at FROM anchor)::date - (pupil % 150) - k * 160) AS d
  FROM links, generate_series(0, 1) k
  WHERE s = 1 OR parent = pupil % pg_temp.parents(s)
) a;

-- ------------------------------------------------------------------ conference round (bench-001)
-- Booking opened yesterday and closes in a week; 20 slots of 10 minutes, starting in two days.
INSERT INTO conference_rounds (id, tenant_id, title, location, slot_minutes, booking_opens_at, booking_closes_at,
                               siblings_book_early, separate_guardian_bookings, created_by_id, created_at)
VALUES (pg_temp.bid('round', 1), pg_temp.bid('t', 1), 'Voortgangsgesprekken', 'Lokaal 1', 10,
        now() - interval '1 day', now() + interval '7 days', false, false, pg_temp.bid('u-a', 1), now() - interval '2 days');
INSERT INTO conference_round_groups (tenant_id, round_id, group_id)
SELECT pg_temp.bid('t', 1), pg_temp.bid('round', 1), pg_temp.bid('g', 100 + g) FROM generate_series(0, 3) g;
INSERT INTO conference_slots (id, tenant_id, round_id, teacher_id, date, starts_at, ends_at, blocked)
SELECT pg_temp.bid('slot', n), pg_temp.bid('t', 1), pg_temp.bid('round', 1), pg_temp.bid('u-t', 100),
       (date_trunc('day', now()) + interval '2 days')::date,
       date_trunc('day', now()) + interval '2 days 15 hours' + n * interval '10 minutes',
       date_trunc('day', now()) + interval '2 days 15 hours' + (n + 1) * interval '10 minutes', false
FROM generate_series(0, 19) n;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users','user_roles','groups','group_teachers','pupils','guardianships','posts','post_groups',
    'post_likes','urgent_recipients','urgent_read_receipts','absence_reasons','absence_reports',
    'conference_rounds','conference_round_groups','conference_slots'] LOOP
    EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;
COMMIT;
-- bench.sh runs VACUUM ANALYZE as the superuser afterwards.
