-- The manager scorecard's raw material: per manager and category, the
-- minutes (and how many of them were estimated) and the activities.
SELECT
    manager_key,
    category,
    role,
    sum(minutes) AS minutes,
    coalesce(sum(minutes) FILTER (WHERE estimated), 0) AS estimated_minutes,
    count(*) AS activities
FROM audit_time
GROUP BY ALL
ORDER BY ALL;
