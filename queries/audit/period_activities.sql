-- Activities of the audited sources in the period. Their minutes
-- (audit_minutes) are the measured duration (capped at $max_minutes), else
-- the estimate for their kind. An activity is in the period by when it
-- happened; a task also by its due date, so that a task due in the period
-- but done after it is still seen (BM3).
--
-- A view, not a table: the activities are by far the largest table, and
-- each analysis reads only the few columns and rows it needs from them
-- (the managers' activities, the key accounts' work, the data quality
-- counts), so copying them all once would cost more than the analyses.
SET VARIABLE audit_max_minutes = CAST($max_minutes AS DOUBLE);

-- An activity's minutes from its duration in seconds and the estimate for
-- its kind (audit_estimates).
CREATE OR REPLACE TEMP MACRO audit_minutes(duration_seconds, estimate) AS
    CASE WHEN duration_seconds > 0 THEN least(duration_seconds / 60.0, getvariable('audit_max_minutes'))
         ELSE coalesce(estimate, 15) END;

CREATE OR REPLACE TEMP VIEW audit_period_activities AS
SELECT
    rowid AS row,
    source,
    id,
    kind,
    subject,
    owner_id,
    account_id,
    opportunity_id,
    start_at,
    coalesce(start_at, completed_at, CAST(due_date AS TIMESTAMP)) AS happened_at,
    duration_seconds,
    is_closed,
    priority,
    due_date,
    completed_at,
    raw_type,
    coalesce(private, false) AS private,
    src_file,
    src_line
FROM activities
WHERE list_contains(getvariable('audit_sources'), source)
  AND ((coalesce(start_at, completed_at, CAST(due_date AS TIMESTAMP)) >= getvariable('audit_from_ts')
        AND coalesce(start_at, completed_at, CAST(due_date AS TIMESTAMP)) < getvariable('audit_to_ts'))
       OR (kind = 'task'
           AND due_date >= CAST(getvariable('audit_from_ts') AS DATE)
           AND due_date < CAST(getvariable('audit_to_ts') AS DATE)));

-- The company's people at each activity of the period besides its
-- owner: attendees who are known users, by user ID or, for attendees known
-- only by e-mail (calendar invitations), by the e-mail of a known user;
-- each person once. An attendee who declined did not take part. Customers
-- are not here (see audit_external_activities). The activity is its row
-- number (activities.rowid): the analyses join on it, as joining on
-- source and ID costs many times more.
CREATE OR REPLACE TEMP TABLE audit_attendance AS
WITH internal AS (
    SELECT aa.source, aa.activity_id, coalesce(al.person_key, m.person_key) AS person_key
    FROM activity_attendees AS aa
    LEFT JOIN audit_user_aliases AS al ON al.source = aa.source AND al.id = aa.user_id
    LEFT JOIN audit_people_by_mail AS m ON m.email_key = lower(trim(aa.email))
    -- The first line is implied by the last, but it is cheap and drops
    -- the customers (most attendees) before the lookups.
    WHERE (aa.user_id IS NOT NULL OR aa.email IS NOT NULL)
      AND (aa.response IS NULL OR aa.response NOT ILIKE 'declin%')
      AND coalesce(al.person_key, m.person_key) IS NOT NULL
)
SELECT DISTINCT a.row, i.person_key
FROM internal AS i
JOIN audit_period_activities AS a ON a.source = i.source AND a.id = i.activity_id;
