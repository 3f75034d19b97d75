-- CM1 key_accounts_neglected: the share of a team's key accounts (owned by
-- the manager or a direct report) with no customer-facing activity by
-- anyone in the team in the last $days days of the period; not enough data
-- in a shorter period. Evidence: each such account, its days since the
-- last touch and its revenue.
WITH team_accounts AS (
    SELECT tm.manager_key, a.account_key, a.name, a.revenue, u.name AS owner
    FROM audit_accounts AS a
    JOIN audit_team_members AS tm ON tm.user_key = a.owner_key
    JOIN audit_users AS u ON u.user_key = a.owner_key
    WHERE a.is_key
),
touches AS (
    SELECT manager_key, account_key, max(happened_at) AS last_touch
    FROM audit_key_account_work
    GROUP BY ALL
),
status AS (
    SELECT ta.*, t.last_touch,
           t.last_touch IS NULL OR t.last_touch < p.to_ts - to_days(CAST($days AS INTEGER)) AS neglected,
           date_diff('day', t.last_touch, p.to_ts) AS days_since
    FROM team_accounts AS ta
    CROSS JOIN audit_period AS p
    LEFT JOIN touches AS t ON t.manager_key = ta.manager_key AND t.account_key = ta.account_key
),
per_manager AS (
    SELECT manager_key, count(*) AS accounts, count(*) FILTER (WHERE neglected) AS neglected
    FROM status
    GROUP BY ALL
),
evidence AS (
    SELECT manager_key,
           to_json(list({'account': name, 'owner': owner,
                         'days since last touch': coalesce(CAST(days_since AS VARCHAR), 'none in the period'),
                         'revenue': round(revenue)} ORDER BY revenue DESC, name)) AS evidence
    FROM status
    WHERE neglected
    GROUP BY ALL
)
SELECT
    m.manager_key,
    100.0 * p.neglected / nullif(p.accounts, 0) AS metric,
    -- A period shorter than the window has no "last $days days" in it:
    -- an account touched just before the period would count as neglected.
    CASE WHEN date_diff('day', period.from_ts, period.to_ts) < $days
             THEN 'the period is shorter than ' || printf('%g', CAST($days AS DOUBLE)) || ' days'
         WHEN coalesce(p.accounts, 0) = 0 THEN 'the team owns no key accounts' END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence
FROM audit_managers AS m
CROSS JOIN audit_period AS period
LEFT JOIN per_manager AS p USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
