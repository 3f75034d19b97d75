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

CREATE OR REPLACE TEMP TABLE audit_users AS
SELECT
    a.user_key,
    u.source,
    u.id,
    coalesce(u.name, u.email, u.id) AS name,
    u.email,
    u.title,
    m.person_key AS manager_key,
    u.active,
    u.joined_at,
    u.left_at
FROM users AS u
JOIN audit_user_aliases AS a ON a.source = u.source AND a.id = u.id AND a.person_key = a.user_key
LEFT JOIN audit_user_aliases AS m ON m.source = u.source AND m.id = u.manager_id;
