-- The whole days the activities of the sources $sources span, an
-- activity's day being its start, else its completion, else its due date,
-- as audit/period.sql counts the audit's default period: the window the
-- calendars are read over when the user gives no period (their recurring
-- meetings expand over it). NULLs when those sources hold no activity.
SELECT date_trunc('day', min(happened_at)) AS first_day,
       date_trunc('day', max(happened_at)) + INTERVAL 1 DAY AS day_after
FROM (SELECT coalesce(start_at, completed_at, CAST(due_date AS TIMESTAMP)) AS happened_at
      FROM activities
      WHERE list_contains($sources, source));
