-- Activities of the audited sources in the period, with their minutes:
-- the measured duration (capped at $max_minutes), else the estimate for
-- their kind. An activity is in the period by when it happened; a task
-- also by its due date, so that a task due in the period but done after it
-- is still seen (BM3). external_present: an attendee who is not one of the
-- company's users (by user ID or e-mail) takes part. meeting_key is the
-- same for one meeting logged twice (in the CRM and in a calendar, or in
-- two calendars): meetings and events starting the same minute with the
-- same subject; other activities are their own.
CREATE OR REPLACE TEMP TABLE audit_activities AS
WITH attendance AS (
    SELECT aa.source || '/' || aa.activity_id AS activity_key,
           bool_or((NOT aa.internal OR aa.contact_id IS NOT NULL)
                   AND al_id.user_key IS NULL AND al_mail.user_key IS NULL) AS external_present
    FROM activity_attendees AS aa
    LEFT JOIN audit_user_aliases AS al_id ON al_id.user_key = aa.source || '/' || aa.user_id
    LEFT JOIN (SELECT DISTINCT ON (email_key) email_key, user_key FROM audit_user_aliases WHERE email_key IS NOT NULL) AS al_mail
           ON al_mail.email_key = lower(trim(aa.email))
    WHERE aa.source IN (SELECT source FROM audit_sources)
      AND lower(coalesce(aa.response, '')) NOT LIKE 'declin%'
    GROUP BY ALL
),
dated AS (
    SELECT a.*, coalesce(a.start_at, a.completed_at, CAST(a.due_date AS TIMESTAMP)) AS happened_at
    FROM activities AS a
    WHERE a.source IN (SELECT source FROM audit_sources)
)
SELECT
    a.source || '/' || a.id AS activity_key,
    a.source,
    a.id,
    a.kind,
    coalesce(a.subject, '') AS subject,
    lower(strip_accents(coalesce(a.subject, ''))) AS subject_folded,
    CASE WHEN a.owner_id IS NOT NULL THEN coalesce(al.person_key, a.source || '/' || a.owner_id) END AS owner_key,
    CASE WHEN a.account_id IS NOT NULL THEN a.source || '/' || a.account_id END AS account_key,
    CASE WHEN a.opportunity_id IS NOT NULL THEN a.source || '/' || a.opportunity_id END AS opportunity_key,
    a.happened_at,
    CASE WHEN a.kind IN ('meeting', 'event') AND a.start_at IS NOT NULL
         THEN strftime(a.start_at, '%Y-%m-%d %H:%M') || '|' || lower(strip_accents(coalesce(a.subject, '')))
         ELSE a.source || '/' || a.id END AS meeting_key,
    CASE WHEN a.duration_seconds > 0 THEN least(a.duration_seconds / 60.0, $max_minutes)
         ELSE coalesce(e.minutes, 15) END AS minutes,
    a.duration_seconds <= 0 AS estimated, -- none, or a negative one (end before start)
    a.duration_seconds / 60.0 > $max_minutes AS capped,
    a.is_closed,
    a.priority,
    a.due_date,
    a.completed_at,
    a.src_file,
    a.src_line,
    coalesce(att.external_present, false) AS external_present
FROM dated AS a
CROSS JOIN audit_period AS p
LEFT JOIN audit_estimates AS e ON e.kind = a.kind
LEFT JOIN attendance AS att ON att.activity_key = a.source || '/' || a.id
LEFT JOIN audit_user_aliases AS al ON al.user_key = a.source || '/' || a.owner_id
WHERE (a.happened_at >= p.from_ts AND a.happened_at < p.to_ts)
   OR (a.kind = 'task' AND a.due_date >= CAST(p.from_ts AS DATE) AND a.due_date < CAST(p.to_ts AS DATE));
