-- BM1 low_value_time: the share of each manager's minutes spent on admin
-- and on internal meetings of no role (internal_other). Evidence: the
-- activities (grouped by subject, so recurring meetings show as one) that
-- take the most of that time.
WITH totals AS (
    SELECT
        manager_key,
        sum(minutes) AS total,
        coalesce(sum(minutes) FILTER (WHERE category IN ('admin', 'internal_other')), 0) AS low
    FROM audit_time
    GROUP BY ALL
),
biggest AS (
    SELECT manager_key, subject, category, count(*) AS times, sum(minutes) AS minutes,
           row_number() OVER (PARTITION BY manager_key ORDER BY sum(minutes) DESC, subject) AS n
    FROM audit_time
    WHERE category IN ('admin', 'internal_other')
    GROUP BY manager_key, subject, category
),
evidence AS (
    SELECT manager_key,
           to_json(list({'activity': subject, 'category': category, 'times': times,
                         'hours': round(minutes / 60, 1)} ORDER BY n)) AS evidence
    FROM biggest
    WHERE n <= 8
    GROUP BY ALL
)
SELECT
    m.manager_key,
    100.0 * t.low / nullif(t.total, 0) AS metric,
    CASE WHEN coalesce(t.total, 0) = 0 THEN 'no activities of this manager in the period' END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence
FROM audit_managers AS m
LEFT JOIN totals AS t USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
