-- Activities of the audited sources in the period, with their minutes:
-- the measured duration (capped at $max_minutes), else the estimate for
-- their kind. external_present: an external contact takes part.
CREATE OR REPLACE TEMP TABLE audit_activities AS
WITH attendance AS (
    SELECT source || '/' || activity_id AS activity_key,
           bool_or(NOT internal OR contact_id IS NOT NULL) AS external_present
    FROM activity_attendees
    WHERE source IN (SELECT source FROM audit_sources)
    GROUP BY ALL
)
SELECT
    a.source || '/' || a.id AS activity_key,
    a.source,
    a.id,
    a.kind,
    coalesce(a.subject, '') AS subject,
    lower(strip_accents(coalesce(a.subject, ''))) AS subject_folded,
    CASE WHEN a.owner_id IS NOT NULL THEN a.source || '/' || a.owner_id END AS owner_key,
    CASE WHEN a.account_id IS NOT NULL THEN a.source || '/' || a.account_id END AS account_key,
    CASE WHEN a.opportunity_id IS NOT NULL THEN a.source || '/' || a.opportunity_id END AS opportunity_key,
    coalesce(a.start_at, a.completed_at, CAST(a.due_date AS TIMESTAMP)) AS happened_at,
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
FROM activities AS a
CROSS JOIN audit_period AS p
LEFT JOIN audit_estimates AS e ON e.kind = a.kind
LEFT JOIN attendance AS att ON att.activity_key = a.source || '/' || a.id
WHERE a.source IN (SELECT source FROM audit_sources)
  AND coalesce(a.start_at, a.completed_at, CAST(a.due_date AS TIMESTAMP)) >= p.from_ts
  AND coalesce(a.start_at, a.completed_at, CAST(a.due_date AS TIMESTAMP)) < p.to_ts;
