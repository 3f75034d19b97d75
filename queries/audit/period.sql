-- The audit period: --from and --to when given, else the whole days the
-- loaded activities span; a source with deals and no activities at all
-- (a team sheet and its opportunities) spans its deals' close dates
-- instead, so that its deals are audited over their own period. to_ts is
-- exclusive; weeks is the period's length.
CREATE OR REPLACE TEMP TABLE audit_period AS
WITH per_source AS (
    -- Grouped by source first: a handful of groups, where filtering the
    -- activities by the audited sources would join every row.
    SELECT source, min(happened_at) AS first_at, max(happened_at) AS last_at
    FROM (SELECT source, coalesce(start_at, completed_at, CAST(due_date AS TIMESTAMP)) AS happened_at FROM activities)
    GROUP BY source
),
activity_span AS (
    SELECT min(first_at) AS first_at, max(last_at) AS last_at
    FROM per_source
    WHERE source IN (SELECT source FROM audit_sources)
),
deal_span AS (
    SELECT min(CAST(close_date AS TIMESTAMP)) AS first_at, max(CAST(close_date AS TIMESTAMP)) AS last_at
    FROM opportunities
    WHERE source IN (SELECT source FROM audit_sources)
)
SELECT from_ts, to_ts, greatest(date_diff('day', from_ts, to_ts), 1) / 7.0 AS weeks
FROM (
    SELECT
        coalesce(CAST($from AS TIMESTAMP), date_trunc('day', coalesce(a.first_at, d.first_at))) AS from_ts,
        coalesce(CAST($to AS TIMESTAMP), date_trunc('day', coalesce(a.last_at, d.last_at)) + INTERVAL 1 DAY) AS to_ts
    FROM activity_span AS a, deal_span AS d
);

-- The period and the audited sources as variables of this connection, for
-- the passes over every activity (period_activities.sql): DuckDB folds
-- getvariable() into a constant it can filter the scan with, where
-- joining a one-row table costs a step on every row.
SET VARIABLE audit_from_ts = (SELECT from_ts FROM audit_period);
SET VARIABLE audit_to_ts = (SELECT to_ts FROM audit_period);
SET VARIABLE audit_sources = (SELECT coalesce(list(source), []) FROM audit_sources);
