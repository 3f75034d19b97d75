-- What the audit could not see well: unclassified and estimated minutes,
-- capped durations, activities with no owner, no known owner or no
-- account, and the rows the ingest rejected.
WITH act AS (
    SELECT
        count(*) AS activities,
        count(*) FILTER (WHERE owner_key IS NULL) AS without_owner,
        count(*) FILTER (WHERE owner_key IS NOT NULL
                         AND owner_key NOT IN (SELECT user_key FROM audit_users)) AS unknown_owner,
        count(*) FILTER (WHERE account_key IS NULL) AS without_account,
        count(*) FILTER (WHERE capped) AS capped
    FROM audit_activities
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
      AND aa.source || '/' || aa.user_id NOT IN (SELECT user_key FROM audit_users)
)
SELECT * FROM act, mgr, rej, att;
