-- The audit period: --from and --to when given, else the whole days the
-- loaded activities span. to_ts is exclusive; weeks is the period's length.
CREATE OR REPLACE TEMP TABLE audit_period AS
SELECT from_ts, to_ts, greatest(date_diff('day', from_ts, to_ts), 1) / 7.0 AS weeks
FROM (
    SELECT
        coalesce(CAST($from AS TIMESTAMP), date_trunc('day', min(happened_at))) AS from_ts,
        coalesce(CAST($to AS TIMESTAMP), date_trunc('day', max(happened_at)) + INTERVAL 1 DAY) AS to_ts
    FROM (
        SELECT coalesce(start_at, completed_at, CAST(due_date AS TIMESTAMP)) AS happened_at
        FROM activities
        WHERE source IN (SELECT source FROM audit_sources)
    )
);
