-- BM3 procrastination: of each manager's important tasks (high priority,
-- or planning and headquarters work) due in the period, the share completed
-- after the due date or still open more than $overdue_days days past it at
-- the end of the period. Days late are calendar days from the due date to
-- the completion date or, for a task still open, to the period's last day
-- (the spec's example: due Feb 25, open on Mar 31, is 34 days late).
-- Evidence: each late or overdue task, days late.
WITH important AS (
    SELECT
        t.manager_key,
        t.subject,
        t.due_date,
        t.completed_at,
        t.is_closed,
        CASE
            WHEN t.completed_at IS NOT NULL AND CAST(t.completed_at AS DATE) > t.due_date
                THEN date_diff('day', t.due_date, CAST(t.completed_at AS DATE))
            WHEN NOT t.is_closed AND date_diff('day', t.due_date, CAST(p.to_ts AS DATE) - 1) > $overdue_days
                THEN date_diff('day', t.due_date, CAST(p.to_ts AS DATE) - 1)
        END AS days_late,
        t.completed_at IS NULL AND NOT t.is_closed AS still_open
    FROM audit_time AS t, audit_period AS p
    WHERE t.kind = 'task' AND t.owner_key = t.manager_key AND t.due_date IS NOT NULL
      AND (t.priority = 'high' OR t.category IN ('planning', 'hq'))
      AND t.due_date >= CAST(p.from_ts AS DATE) AND t.due_date < CAST(p.to_ts AS DATE)
),
per_manager AS (
    SELECT manager_key, count(*) AS tasks, count(days_late) AS late
    FROM important
    GROUP BY ALL
),
evidence AS (
    SELECT manager_key,
           to_json(list({'task': subject, 'due': due_date,
                         'state': CASE WHEN still_open THEN 'still open' ELSE 'done late' END,
                         'days late': days_late} ORDER BY days_late DESC, due_date, subject)[1:10]) AS evidence
    FROM important
    WHERE days_late IS NOT NULL
    GROUP BY ALL
)
SELECT
    m.manager_key,
    100.0 * p.late / nullif(p.tasks, 0) AS metric,
    CASE WHEN coalesce(p.tasks, 0) = 0 THEN 'no important tasks with a due date in the period' END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence
FROM audit_managers AS m
LEFT JOIN per_manager AS p USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
