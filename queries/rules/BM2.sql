-- BM2 effort_value_mismatch: of each manager's minutes on accounts
-- (customer-facing or about the account: preparing a proposal, planning
-- it), the share spent on non-key accounts, minus the share of the team's
-- revenue that non-key accounts make, in percentage points. The
-- team's revenue is that of the accounts owned by the manager or a direct
-- report: the territory the manager answers for. Evidence: the non-key
-- accounts with the most manager time, with their revenue.
WITH territory AS (
    SELECT tm.manager_key,
           sum(a.revenue) AS revenue,
           coalesce(sum(a.revenue) FILTER (WHERE NOT a.is_key), 0) AS non_key_revenue
    FROM audit_accounts AS a
    JOIN audit_team_members AS tm ON tm.user_key = a.owner_key
    GROUP BY ALL
),
customer AS (
    SELECT t.manager_key, t.account_key, a.name, a.is_key, a.revenue, sum(t.minutes) AS minutes
    FROM audit_time AS t
    JOIN audit_accounts AS a USING (account_key)
    GROUP BY ALL
),
per_manager AS (
    SELECT
        manager_key,
        sum(minutes) AS minutes,
        coalesce(sum(minutes) FILTER (WHERE NOT is_key), 0) AS non_key_minutes
    FROM customer
    GROUP BY ALL
),
evidence AS (
    SELECT manager_key,
           to_json(list({'account': name, 'manager hours': round(minutes / 60, 1), 'revenue': round(revenue)}
                        ORDER BY minutes DESC, name)[1:8]) AS evidence
    FROM customer
    WHERE NOT is_key
    GROUP BY ALL
)
SELECT
    m.manager_key,
    100.0 * p.non_key_minutes / nullif(p.minutes, 0) - 100.0 * tr.non_key_revenue / nullif(tr.revenue, 0) AS metric,
    CASE WHEN coalesce(p.minutes, 0) = 0 THEN 'no time logged on accounts'
         WHEN coalesce(tr.revenue, 0) = 0 THEN 'the team''s accounts have no revenue (no won deals and no annual revenue)' END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence
FROM audit_managers AS m
LEFT JOIN per_manager AS p USING (manager_key)
LEFT JOIN territory AS tr USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
