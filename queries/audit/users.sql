-- People of the audited sources. The same person can be a user in several
-- sources (a CRM export and their calendar): users with the same e-mail in
-- different sources are one person, represented by the user record that
-- carries the org chart (one with a manager or direct reports), else the
-- first by source and ID. An address is never a person's when it cannot
-- be: two users of one source who share it (a team mailbox,
-- developers@company) or a system mailbox (noreply@, the configuration's
-- organisation.system_mailboxes) stay separate people, and are listed in data
-- quality (report/org_notes.sql).
-- audit_user_aliases maps every user (source and ID, and its key
-- "source/id") to their person; audit_users has one row per person, keyed
-- by the representative's key. The activity tables join these on source
-- and ID, never on a built key: building a string per activity costs more
-- than the rest of the join.
CREATE OR REPLACE TEMP TABLE audit_user_aliases AS
WITH base AS (
    SELECT
        source,
        id,
        source || '/' || id AS user_key,
        nullif(lower(trim(email)), '') AS address,
        manager_id IS NOT NULL
            OR EXISTS (SELECT 1 FROM users AS r WHERE r.source = u.source AND r.manager_id = u.id) AS in_org_chart
    FROM users AS u
    WHERE source IN (SELECT source FROM audit_sources)
),
keyed AS (
    -- The address as a key to a person, or NULL when it names no one.
    SELECT
        *,
        CASE WHEN address IS NOT NULL
              AND count(*) OVER (PARTITION BY source, address) = 1
              AND NOT list_contains($system_mailboxes, split_part(address, '@', 1))
              AND NOT list_contains($system_mailboxes, address)
            THEN address END AS email_key
    FROM base
),
people AS (
    SELECT email_key, arg_min(user_key, (NOT in_org_chart, source, user_key)) AS person_key
    FROM keyed
    WHERE email_key IS NOT NULL
    GROUP BY ALL
)
SELECT b.source, b.id, b.user_key, coalesce(p.person_key, b.user_key) AS person_key, b.email_key, b.address
FROM keyed AS b
LEFT JOIN people AS p USING (email_key);

-- The person behind each known e-mail address, for attendees known only
-- by e-mail (calendar invitations).
CREATE OR REPLACE TEMP TABLE audit_people_by_mail AS
SELECT DISTINCT email_key, person_key FROM audit_user_aliases WHERE email_key IS NOT NULL;

-- A manager the export could not name: a user with several candidates
-- (several users hold the Salesforce parent role) goes to the candidate
-- they spend the most time with in the period's internal meetings and
-- calls (1:1s, team meetings: no contact or external attendee present),
-- one owning and the other attending, or both attending; with no such
-- time or a tie, the candidate who already manages most users by the
-- manager field, then the first by ID. Each choice is listed in data
-- quality (report/org_notes.sql).
CREATE OR REPLACE TEMP TABLE audit_manager_choices AS
WITH wanting AS (
    SELECT u.source, u.id AS user_id, c.candidate
    FROM users AS u, unnest(CAST(json(u.manager_candidates) AS VARCHAR[])) AS c(candidate)
    WHERE u.source IN (SELECT source FROM audit_sources)
      AND u.manager_id IS NULL AND u.manager_candidates IS NOT NULL
),
people AS (
    SELECT DISTINCT source, user_id AS id FROM wanting
    UNION
    SELECT DISTINCT source, candidate FROM wanting
),
meetings AS (
    -- The period's internal meetings and calls with any of these people.
    SELECT a.source, a.id, a.owner_id,
           coalesce(nullif(a.duration_seconds, 0), date_diff('second', a.start_at, a.end_at), 1800) / 60.0 AS minutes
    FROM activities AS a, audit_period AS p
    WHERE a.kind IN ('meeting', 'call', 'event') AND a.start_at >= p.from_ts AND a.start_at < p.to_ts
      AND a.source IN (SELECT source FROM people)
      AND NOT EXISTS (SELECT 1 FROM activity_attendees AS x
                      WHERE x.source = a.source AND x.activity_id = a.id
                        AND (x.contact_id IS NOT NULL OR NOT x.internal))
),
taking_part AS (
    SELECT m.source, m.id, m.minutes, m.owner_id AS person FROM meetings AS m
    WHERE (m.source, m.owner_id) IN (SELECT (source, id) FROM people)
    UNION
    SELECT m.source, m.id, m.minutes, aa.user_id FROM meetings AS m
    JOIN activity_attendees AS aa ON aa.source = m.source AND aa.activity_id = m.id
    WHERE (aa.source, aa.user_id) IN (SELECT (source, id) FROM people)
),
together AS (
    SELECT w.source, w.user_id, w.candidate, sum(me.minutes) AS minutes
    FROM wanting AS w
    JOIN taking_part AS me ON me.source = w.source AND me.person = w.user_id
    JOIN taking_part AS them ON them.source = me.source AND them.id = me.id AND them.person = w.candidate
    GROUP BY ALL
),
led AS (
    SELECT source, manager_id AS candidate, count(*) AS reports
    FROM users
    WHERE manager_id IS NOT NULL AND source IN (SELECT source FROM audit_sources)
    GROUP BY ALL
),
scored AS (
    SELECT w.source, w.user_id, w.candidate, coalesce(t.minutes, 0) AS minutes, coalesce(l.reports, 0) AS reports
    FROM wanting AS w
    LEFT JOIN together AS t USING (source, user_id, candidate)
    LEFT JOIN led AS l USING (source, candidate)
),
ranked AS (
    SELECT *,
           max(minutes) OVER (PARTITION BY source, user_id) AS best,
           count(*) OVER (PARTITION BY source, user_id, minutes) AS tied
    FROM scored
)
-- by_time: the choice was the one candidate with the most time together.
SELECT source, user_id,
       arg_min(candidate, (-minutes, -reports, candidate)) AS manager_id,
       max(minutes) AS minutes,
       bool_or(minutes = best AND best > 0 AND tied = 1) AS by_time
FROM ranked
GROUP BY ALL;

-- The org file's rows (--org, audit_org) matched to people among the
-- users of the audited sources: the person by CRM ID, else e-mail, else
-- name (case and accents aside); the manager by any of the three. A row
-- counts when its person and its manager each match exactly one person,
-- and only the first row naming a person; every other row is listed in
-- data quality (report/org_notes.sql) and changes nothing.
CREATE OR REPLACE TEMP TABLE audit_org_matches AS
WITH people AS (
    SELECT DISTINCT a.person_key, u.id, lower(trim(u.email)) AS email, lower(strip_accents(trim(u.name))) AS name
    FROM users AS u
    JOIN audit_user_aliases AS a ON a.source = u.source AND a.id = u.id
),
by_id AS (
    SELECT o.line, list(DISTINCT p.person_key) AS keys FROM audit_org AS o JOIN people AS p ON p.id = o.id GROUP BY ALL
),
by_email AS (
    SELECT o.line, list(DISTINCT p.person_key) AS keys FROM audit_org AS o JOIN people AS p ON p.email = o.email GROUP BY ALL
),
by_name AS (
    SELECT o.line, list(DISTINCT p.person_key) AS keys FROM audit_org AS o
    JOIN people AS p ON p.name = lower(strip_accents(trim(o.person)))
    GROUP BY ALL
),
by_manager AS (
    SELECT o.line, list(DISTINCT p.person_key) AS keys FROM audit_org AS o
    JOIN people AS p ON p.id = o.manager OR p.email = lower(trim(o.manager))
                     OR p.name = lower(strip_accents(trim(o.manager)))
    GROUP BY ALL
),
matched AS (
    SELECT o.*, coalesce(i.keys, e.keys, n.keys, []) AS person_keys, coalesce(m.keys, []) AS manager_keys
    FROM audit_org AS o
    LEFT JOIN by_id AS i USING (line)
    LEFT JOIN by_email AS e USING (line)
    LEFT JOIN by_name AS n USING (line)
    LEFT JOIN by_manager AS m USING (line)
)
SELECT
    *,
    CASE WHEN len(person_keys) = 1 THEN person_keys[1] END AS person_key,
    CASE WHEN len(manager_keys) = 1 AND manager_keys[1] <> person_keys[1] THEN manager_keys[1] END AS manager_key,
    len(person_keys) = 1
        AND row_number() OVER (PARTITION BY CASE WHEN len(person_keys) = 1 THEN person_keys[1] END ORDER BY line) = 1
        AS counts
FROM matched;

CREATE OR REPLACE TEMP TABLE audit_users AS
SELECT
    a.user_key,
    u.source,
    u.id,
    coalesce(u.name, u.email, u.id) AS name,
    u.email,
    coalesce(o.title, u.title) AS title,
    coalesce(o.manager_key, m.person_key) AS manager_key,
    CASE WHEN o.manager_key IS NOT NULL THEN 'org_file' ELSE u.manager_from END AS manager_from,
    u.active,
    coalesce(o.hire_date, u.joined_at) AS joined_at,
    coalesce(o.leave_date, u.left_at) AS left_at
FROM users AS u
JOIN audit_user_aliases AS a ON a.source = u.source AND a.id = u.id AND a.person_key = a.user_key
LEFT JOIN audit_manager_choices AS c ON c.source = u.source AND c.user_id = u.id
LEFT JOIN audit_user_aliases AS m ON m.source = u.source AND m.id = coalesce(u.manager_id, c.manager_id)
LEFT JOIN audit_org_matches AS o ON o.person_key = a.user_key AND o.counts;

-- Manager links the org chart cannot hold: a person named as their own
-- manager, and the links of a loop (A manages B, B manages A). The data
-- cannot tell which link of a loop is wrong, so every person on one is
-- left without a manager, rather than made the manager of their own
-- manager (which would make each of them second-line and no one
-- first-line); people below the loop keep theirs. One row per person on
-- a loop, with the loop from them round to the last before them again;
-- data quality lists each loop once (report/org_notes.sql).
CREATE OR REPLACE TEMP TABLE audit_manager_loops AS
WITH RECURSIVE chain(start_key, at_key, path) AS (
    SELECT user_key, manager_key, [user_key] FROM audit_users WHERE manager_key IS NOT NULL
    UNION ALL
    SELECT c.start_key, u.manager_key, list_append(c.path, c.at_key)
    FROM chain AS c
    JOIN audit_users AS u ON u.user_key = c.at_key
    -- A chain stops at the first person it meets twice: back at its
    -- start, or caught in a loop above it.
    WHERE u.manager_key IS NOT NULL AND NOT list_contains(c.path, c.at_key)
)
SELECT start_key AS user_key, path AS loop FROM chain WHERE at_key = start_key;

UPDATE audit_users SET manager_key = NULL, manager_from = NULL
WHERE user_key IN (SELECT user_key FROM audit_manager_loops);
