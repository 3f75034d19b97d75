-- People of the audited sources. The same person can be a user in several
-- sources (a CRM export and their calendar): users with the same e-mail are
-- one person, represented by the user record that carries the org chart
-- (one with a manager or direct reports), else the first by source and ID.
-- audit_user_aliases maps every user ("source/id") to their person;
-- audit_users has one row per person, keyed by the representative's key.
CREATE OR REPLACE TEMP TABLE audit_user_aliases AS
WITH base AS (
    SELECT
        source || '/' || id AS user_key,
        source,
        nullif(lower(trim(email)), '') AS email_key,
        manager_id IS NOT NULL
            OR EXISTS (SELECT 1 FROM users AS r WHERE r.source = u.source AND r.manager_id = u.id) AS in_org_chart
    FROM users AS u
    WHERE source IN (SELECT source FROM audit_sources)
),
people AS (
    SELECT email_key, arg_min(user_key, (NOT in_org_chart, source, user_key)) AS person_key
    FROM base
    WHERE email_key IS NOT NULL
    GROUP BY ALL
)
SELECT b.user_key, coalesce(p.person_key, b.user_key) AS person_key, b.email_key
FROM base AS b
LEFT JOIN people AS p USING (email_key);

CREATE OR REPLACE TEMP TABLE audit_users AS
SELECT
    u.source || '/' || u.id AS user_key,
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
JOIN audit_user_aliases AS a ON a.user_key = u.source || '/' || u.id AND a.person_key = a.user_key
LEFT JOIN audit_user_aliases AS m ON m.user_key = u.source || '/' || u.manager_id;
