-- The activities the managers took part in: those a manager owns or
-- attended (without declining), in the period, one row each, with the
-- owner as a person and the activity's minutes. Keys are built here, for
-- these rows only. Private events (marked private in a calendar) are not
-- among them: they are never classified and never in a rule's share; their
-- minutes go to audit_private_time below.
CREATE OR REPLACE TEMP TABLE audit_activities AS
WITH manager_users AS (
    SELECT source, id FROM audit_user_aliases WHERE person_key IN (SELECT manager_key FROM audit_managers)
),
attended AS (
    SELECT row FROM audit_attendance WHERE person_key IN (SELECT manager_key FROM audit_managers)
),
mine AS (
    -- Filtered first, with the two small lookups, so that only these rows
    -- go on to the owner lookup.
    SELECT a.*
    FROM audit_period_activities AS a
    LEFT JOIN manager_users AS m ON m.source = a.source AND m.id = a.owner_id
    WHERE m.id IS NOT NULL OR a.row IN (SELECT row FROM attended)
)
SELECT
    a.row,
    a.source,
    a.id,
    a.kind,
    coalesce(a.subject, '') AS subject,
    CASE WHEN a.owner_id IS NOT NULL THEN coalesce(al.person_key, a.source || '/' || a.owner_id) END AS owner_key,
    CASE WHEN a.account_id IS NOT NULL THEN a.source || '/' || a.account_id END AS account_key,
    CASE WHEN a.opportunity_id IS NOT NULL THEN a.source || '/' || a.opportunity_id END AS opportunity_key,
    a.start_at,
    a.happened_at,
    audit_minutes(a.duration_seconds, e.minutes) AS minutes,
    a.duration_seconds <= 0 AS estimated, -- none, or a negative one (end before start)
    a.is_closed,
    a.priority,
    a.due_date,
    a.completed_at,
    a.raw_type,
    a.src_file,
    a.src_line
FROM mine AS a
LEFT JOIN audit_estimates AS e ON e.kind = a.kind
LEFT JOIN audit_user_aliases AS al ON al.source = a.source AND al.id = a.owner_id
WHERE NOT a.private;

-- Each manager's private time: the minutes of the private events they own
-- (a private event keeps no attendees), counted as hours and nothing more.
CREATE OR REPLACE TEMP TABLE audit_private_time AS
SELECT al.person_key AS manager_key, sum(audit_minutes(a.duration_seconds, e.minutes)) AS minutes
FROM audit_period_activities AS a
JOIN audit_user_aliases AS al ON al.source = a.source AND al.id = a.owner_id
LEFT JOIN audit_estimates AS e ON e.kind = a.kind
WHERE a.private AND al.person_key IN (SELECT manager_key FROM audit_managers)
GROUP BY ALL;

-- The activities on key accounts, whoever took part (CM1, CM2 look at
-- the whole team's work on them; see key_account_work.sql).
CREATE OR REPLACE TEMP TABLE audit_key_activities AS
SELECT
    a.row,
    a.source,
    a.id,
    a.kind,
    coalesce(a.subject, '') AS subject,
    a.raw_type,
    acc.account_key,
    a.happened_at,
    audit_minutes(a.duration_seconds, e.minutes) AS minutes,
    CASE WHEN a.owner_id IS NOT NULL THEN coalesce(al.person_key, a.source || '/' || a.owner_id) END AS owner_key
FROM audit_period_activities AS a
JOIN audit_accounts AS acc ON acc.source = a.source AND acc.id = a.account_id
LEFT JOIN audit_estimates AS e ON e.kind = a.kind
LEFT JOIN audit_user_aliases AS al ON al.source = a.source AND al.id = a.owner_id
WHERE acc.is_key;

-- The managers' activities, and the activities on key accounts, that a
-- customer attended or was addressed by: an attendee (a linked contact, an
-- invitee) who is not one of the company's users (by user ID or e-mail)
-- and did not decline.
CREATE OR REPLACE TEMP TABLE audit_external_activities AS
WITH wanted AS (
    -- A row in both is found twice; the DISTINCT below keeps it once.
    SELECT row, source, id FROM audit_activities
    UNION ALL
    SELECT row, source, id FROM audit_key_activities
)
SELECT DISTINCT w.row
FROM activity_attendees AS aa
JOIN wanted AS w ON w.source = aa.source AND w.id = aa.activity_id
ANTI JOIN audit_user_aliases AS al ON al.source = aa.source AND al.id = aa.user_id
ANTI JOIN audit_people_by_mail AS m ON m.email_key = lower(trim(aa.email))
WHERE (NOT aa.internal OR aa.contact_id IS NOT NULL)
  AND (aa.response IS NULL OR aa.response NOT ILIKE 'declin%');
