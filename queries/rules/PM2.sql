-- PM2 reps_without_coaching: the direct reports who got less than
-- $minutes_per_week minutes a week of coaching and field coaching from
-- their manager over the weeks they were in the team. The metric is how
-- many; high when they are $high_share % of the team or more. Evidence:
-- every rep's minutes per week, least coached first.
WITH coached AS (
    SELECT manager_key, unnest(reps) AS rep_key, minutes
    FROM audit_time
    WHERE category IN ('coaching', 'field_coaching')
),
reps AS (
    SELECT
        t.manager_key,
        t.rep_key,
        u.name,
        -- The weeks the rep was in the team during the period.
        greatest(date_diff('day', greatest(p.from_ts, coalesce(u.joined_at, p.from_ts)),
                              least(p.to_ts, coalesce(u.left_at, p.to_ts))), 7) / 7.0 AS weeks,
        coalesce((SELECT sum(c.minutes) FROM coached AS c
                  WHERE c.manager_key = t.manager_key AND c.rep_key = t.rep_key), 0) AS minutes
    FROM audit_team AS t
    JOIN audit_users AS u ON u.user_key = t.rep_key
    CROSS JOIN audit_period AS p
),
per_manager AS (
    SELECT manager_key, count(*) AS reps,
           count(*) FILTER (WHERE minutes / weeks < $minutes_per_week) AS under
    FROM reps
    GROUP BY ALL
),
logged AS (
    SELECT DISTINCT manager_key FROM audit_time
),
evidence AS (
    SELECT manager_key,
           to_json(list({'rep': name, 'minutes per week': round(minutes / weeks, 1),
                         'under threshold': minutes / weeks < $minutes_per_week}
                        ORDER BY minutes / weeks, name)) AS evidence
    FROM reps
    GROUP BY ALL
)
SELECT
    m.manager_key,
    CASE WHEN l.manager_key IS NOT NULL THEN p.under END AS metric,
    -- A manager who logged nothing in the period may have coached or not:
    -- the data cannot tell.
    CASE WHEN l.manager_key IS NULL THEN 'no activities of this manager in the period' END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence,
    100.0 * p.under / p.reps AS under_share
FROM audit_managers AS m
JOIN per_manager AS p USING (manager_key)
LEFT JOIN logged AS l USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
