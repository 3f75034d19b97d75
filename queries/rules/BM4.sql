-- BM4 neglected_business_duties: the longest run of whole weeks (Monday to
-- Sunday) in the period without any planning or headquarters activity, and
-- the share of time in the business role. Evidence: the gap's dates.
WITH weeks AS (
    SELECT week
    FROM audit_period AS p,
         generate_series(date_trunc('week', p.from_ts), p.to_ts - INTERVAL 1 SECOND, INTERVAL 7 DAY) AS g(week)
),
active AS (
    SELECT DISTINCT manager_key, date_trunc('week', happened_at) AS week
    FROM audit_time
    WHERE category IN ('planning', 'hq')
),
grid AS (
    SELECT m.manager_key, w.week, a.week IS NOT NULL AS busy
    FROM audit_managers AS m CROSS JOIN weeks AS w
    LEFT JOIN active AS a ON a.manager_key = m.manager_key AND a.week = w.week
),
runs AS (
    -- Gaps and islands: weeks without business work that follow each other
    -- share a run number.
    SELECT manager_key, week, busy,
           sum(CASE WHEN busy THEN 1 ELSE 0 END) OVER (PARTITION BY manager_key ORDER BY week) AS run
    FROM grid
),
gaps AS (
    SELECT manager_key, count(*) AS weeks, min(week) AS first_week, max(week) AS last_week,
           row_number() OVER (PARTITION BY manager_key ORDER BY count(*) DESC, min(week)) AS n
    FROM runs
    WHERE NOT busy
    GROUP BY manager_key, run
),
share AS (
    SELECT manager_key,
           100.0 * coalesce(sum(minutes) FILTER (WHERE role = 'business'), 0) / nullif(sum(minutes), 0) AS business_share
    FROM audit_time
    GROUP BY ALL
),
period AS (
    SELECT count(*) AS weeks, any_value(p.from_ts) AS from_ts, any_value(p.to_ts) AS to_ts
    FROM weeks CROSS JOIN audit_period AS p
)
SELECT
    m.manager_key,
    coalesce(g.weeks, 0) AS metric,
    CASE WHEN period.weeks < $warn_weeks THEN 'the period is shorter than ' || printf('%g', CAST($warn_weeks AS DOUBLE)) || ' weeks'
         WHEN s.business_share IS NULL THEN 'no activities of this manager in the period' END AS missing,
    s.business_share,
    -- The gap's weeks are whole calendar weeks, the partial weeks at the
    -- period's ends included; its dates are the days of the period it
    -- covers, so that it never reaches past the period.
    CAST(to_json([{'longest gap from': CAST(greatest(g.first_week, period.from_ts) AS DATE),
              'to': CAST(least(g.last_week + INTERVAL 6 DAY, period.to_ts - INTERVAL 1 DAY) AS DATE),
              'weeks': coalesce(g.weeks, 0),
              'business share %': round(s.business_share, 1)}]) AS VARCHAR) AS evidence
FROM audit_managers AS m
CROSS JOIN period
LEFT JOIN gaps AS g ON g.manager_key = m.manager_key AND g.n = 1
LEFT JOIN share AS s ON s.manager_key = m.manager_key;
