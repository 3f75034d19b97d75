-- BM5 meeting_overload: the share of each manager's minutes in internal
-- meetings (meetings and calendar events with no external participant and
-- no customer account), whatever their category. Evidence: the largest
-- recurring internal meetings.
WITH flagged AS (
    SELECT *, kind IN ('meeting', 'event') AND NOT customer_facing AS internal_meeting
    FROM audit_time
),
totals AS (
    SELECT manager_key, sum(minutes) AS total,
           coalesce(sum(minutes) FILTER (WHERE internal_meeting), 0) AS meetings
    FROM flagged
    GROUP BY ALL
),
biggest AS (
    SELECT manager_key, subject, count(*) AS times, sum(minutes) AS minutes,
           row_number() OVER (PARTITION BY manager_key ORDER BY sum(minutes) DESC, subject) AS n
    FROM flagged
    WHERE internal_meeting
    GROUP BY manager_key, subject
),
evidence AS (
    SELECT manager_key,
           to_json(list({'meeting': subject, 'times': times, 'hours': round(minutes / 60, 1)} ORDER BY n)) AS evidence
    FROM biggest
    WHERE n <= 8
    GROUP BY ALL
)
SELECT
    m.manager_key,
    100.0 * t.meetings / nullif(t.total, 0) AS metric,
    CASE WHEN coalesce(t.total, 0) = 0 THEN 'no activities of this manager in the period' END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence
FROM audit_managers AS m
LEFT JOIN totals AS t USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
