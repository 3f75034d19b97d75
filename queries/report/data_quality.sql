-- What the audit could not see well: unclassified and estimated minutes,
-- capped durations, activities with no owner, no known owner or no
-- account, and the rows the ingest rejected.
WITH act AS (
    SELECT
        count(*) AS activities,
        count(*) FILTER (WHERE a.owner_id IS NULL) AS without_owner,
        count(*) FILTER (WHERE a.owner_id IS NOT NULL AND al.id IS NULL) AS unknown_owner,
        count(*) FILTER (WHERE a.account_id IS NULL) AS without_account,
        count(*) FILTER (WHERE a.duration_seconds / 60.0 > cap.max_minutes) AS capped
    FROM audit_period_activities AS a
    CROSS JOIN audit_duration_cap AS cap
    LEFT JOIN audit_user_aliases AS al ON al.source = a.source AND al.id = a.owner_id
),
mgr AS (
    SELECT
        coalesce(sum(minutes), 0) AS minutes,
        coalesce(sum(minutes) FILTER (WHERE category = 'unclassified'), 0) AS unclassified_minutes,
        coalesce(sum(minutes) FILTER (WHERE estimated), 0) AS estimated_minutes
    FROM audit_time
),
rej AS (
    SELECT count(*) AS rejects FROM rejects WHERE source IN (SELECT source FROM audit_sources)
),
att AS (
    SELECT count(*) AS unknown_attendees
    FROM activity_attendees AS aa
    WHERE aa.user_id IS NOT NULL AND aa.source IN (SELECT source FROM audit_sources)
      AND NOT EXISTS (SELECT 1 FROM audit_user_aliases AS al WHERE al.source = aa.source AND al.id = aa.user_id)
)
SELECT * FROM act, mgr, rej, att;
