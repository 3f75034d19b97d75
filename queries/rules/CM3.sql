-- CM3 player_coach: the share of each manager's minutes in customer work
-- without a direct report present (key_account and customer_other).
-- Evidence: the accounts and deals the manager works alone.
WITH totals AS (
    SELECT manager_key, sum(minutes) AS total,
           coalesce(sum(minutes) FILTER (WHERE category IN ('key_account', 'customer_other')), 0) AS alone
    FROM audit_time
    GROUP BY ALL
),
accounts AS (
    SELECT t.manager_key, coalesce(a.name, '(no account)') AS account, coalesce(o.name, '') AS deal,
           count(*) AS activities, sum(t.minutes) AS minutes,
           row_number() OVER (PARTITION BY t.manager_key ORDER BY sum(t.minutes) DESC, account, deal) AS n
    FROM audit_time AS t
    LEFT JOIN audit_accounts AS a USING (account_key)
    LEFT JOIN audit_opportunities AS o ON o.opportunity_key = t.opportunity_key
    WHERE t.category IN ('key_account', 'customer_other')
    GROUP BY t.manager_key, account, deal
),
evidence AS (
    SELECT manager_key,
           to_json(list({'account': account, 'deal': deal, 'activities': activities,
                         'hours': round(minutes / 60, 1)} ORDER BY n)) AS evidence
    FROM accounts
    WHERE n <= 8
    GROUP BY ALL
)
SELECT
    m.manager_key,
    100.0 * t.alone / nullif(t.total, 0) AS metric,
    CASE WHEN coalesce(t.total, 0) = 0 THEN 'no activities of this manager in the period' END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence
FROM audit_managers AS m
LEFT JOIN totals AS t USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
