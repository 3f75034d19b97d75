-- PM4 results_only: each manager's pipeline-review minutes divided by
-- coaching and field-coaching minutes. Evidence: both, per rep.
WITH totals AS (
    SELECT manager_key,
           coalesce(sum(minutes) FILTER (WHERE category = 'pipeline_review'), 0) AS review,
           coalesce(sum(minutes) FILTER (WHERE category IN ('coaching', 'field_coaching')), 0) AS coaching
    FROM audit_time
    GROUP BY ALL
),
per_rep AS (
    SELECT manager_key, rep_key,
           coalesce(sum(minutes) FILTER (WHERE category = 'pipeline_review'), 0) AS review,
           coalesce(sum(minutes) FILTER (WHERE category IN ('coaching', 'field_coaching')), 0) AS coaching
    FROM (SELECT manager_key, unnest(reps) AS rep_key, category, minutes FROM audit_time
          WHERE category IN ('pipeline_review', 'coaching', 'field_coaching'))
    GROUP BY ALL
),
evidence AS (
    SELECT r.manager_key,
           to_json(list({'rep': u.name, 'pipeline review hours': round(r.review / 60, 1),
                         'coaching hours': round(r.coaching / 60, 1)} ORDER BY r.review - r.coaching DESC, u.name)) AS evidence
    FROM per_rep AS r
    JOIN audit_users AS u ON u.user_key = r.rep_key
    GROUP BY ALL
)
SELECT
    m.manager_key,
    t.review / nullif(t.coaching, 0) AS metric,
    CASE WHEN coalesce(t.review, 0) = 0 AND coalesce(t.coaching, 0) = 0
         THEN 'no pipeline reviews and no coaching logged' END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence,
    t.coaching AS coaching_minutes
FROM audit_managers AS m
LEFT JOIN totals AS t USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
