-- PM1 under_coaching: the share of each manager's minutes spent coaching
-- (coaching and field_coaching). Evidence: coaching hours per week.
WITH totals AS (
    SELECT manager_key, sum(minutes) AS total,
           coalesce(sum(minutes) FILTER (WHERE category IN ('coaching', 'field_coaching')), 0) AS coaching
    FROM audit_time
    GROUP BY ALL
),
weekly AS (
    SELECT manager_key, CAST(date_trunc('week', happened_at) AS DATE) AS week, sum(minutes) AS minutes
    FROM audit_time
    WHERE category IN ('coaching', 'field_coaching')
    GROUP BY ALL
),
evidence AS (
    SELECT manager_key,
           to_json(list({'week of': week, 'coaching minutes': round(minutes)} ORDER BY week)) AS evidence
    FROM weekly
    GROUP BY ALL
)
SELECT
    m.manager_key,
    100.0 * t.coaching / nullif(t.total, 0) AS metric,
    CASE WHEN coalesce(t.total, 0) = 0 THEN 'no activities of this manager in the period' END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence
FROM audit_managers AS m
LEFT JOIN totals AS t USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
