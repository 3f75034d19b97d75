-- Each manager's calendar weeks, for the report's trends: every week of
-- the period, Monday to Sunday (the partial weeks at either end too), how
-- many of its days are in the period, the manager's minutes in each role
-- that week (a list of {role, minutes}; the roles with none left out), and
-- the customer-facing activities on the team's key accounts that week
-- (audit_key_account_work: CM1's touches), all of them and those the
-- manager logged (owns).
WITH weeks AS (
    SELECT CAST(r.week_start AS TIMESTAMP) AS week_start,
           date_diff('day', greatest(r.week_start, p.from_ts),
                     least(r.week_start + INTERVAL 7 DAY, p.to_ts)) AS days
    FROM audit_period AS p,
         range(date_trunc('week', p.from_ts), p.to_ts, INTERVAL 7 DAY) AS r(week_start)
),
role_minutes AS (
    SELECT manager_key, CAST(date_trunc('week', happened_at) AS TIMESTAMP) AS week_start, role,
           CAST(sum(minutes) AS DOUBLE) AS minutes
    FROM audit_time
    GROUP BY ALL
),
roles AS (
    SELECT manager_key, week_start, list({'role': role, 'minutes': minutes} ORDER BY role) AS roles
    FROM role_minutes
    GROUP BY ALL
),
touches AS (
    SELECT manager_key, CAST(date_trunc('week', happened_at) AS TIMESTAMP) AS week_start,
           count(*) AS touches,
           count(*) FILTER (WHERE with_manager) AS by_manager
    FROM audit_key_account_work
    GROUP BY ALL
)
SELECT
    m.manager_key,
    w.week_start,
    w.days,
    coalesce(r.roles, []) AS roles,
    coalesce(t.touches, 0) AS key_account_touches,
    coalesce(t.by_manager, 0) AS key_account_touches_by_manager
FROM audit_managers AS m
CROSS JOIN weeks AS w
LEFT JOIN roles AS r USING (manager_key, week_start)
LEFT JOIN touches AS t USING (manager_key, week_start)
ORDER BY m.manager_key, w.week_start;
