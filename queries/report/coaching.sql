-- The coaching each direct report got from their manager, as PM2 measures
-- it (rules/PM2.sql): the minutes of coaching and field coaching the rep
-- took part in, per week the rep was in the team during the period (at
-- least one week). One row per manager and rep, least coached first.
WITH coached AS (
    SELECT manager_key, unnest(reps) AS rep_key, minutes
    FROM audit_time
    WHERE category IN ('coaching', 'field_coaching')
),
per_rep AS (
    SELECT manager_key, rep_key, CAST(sum(minutes) AS DOUBLE) AS minutes
    FROM coached
    GROUP BY ALL
)
SELECT
    t.manager_key,
    u.name,
    coalesce(c.minutes, 0)
        / (greatest(date_diff('day', greatest(p.from_ts, coalesce(u.joined_at, p.from_ts)),
                                     least(p.to_ts, coalesce(u.left_at, p.to_ts))), 7) / 7.0) AS minutes_per_week
FROM audit_team AS t
JOIN audit_users AS u ON u.user_key = t.rep_key
CROSS JOIN audit_period AS p
LEFT JOIN per_rep AS c ON c.manager_key = t.manager_key AND c.rep_key = t.rep_key
ORDER BY t.manager_key, minutes_per_week, u.name;
