-- PM5 credit_claiming: the share of a team's won revenue in the period
-- that is booked on deals owned by the manager although the manager's
-- direct reports logged at least $rep_share % of the team's activities on
-- the deal's account in the $days_before_close days before it closed.
-- Evidence: each such deal with the reps' share of the activity.
WITH won AS (
    SELECT o.opportunity_key, o.name, o.owner_key, o.source, o.account_id, o.account_key, o.amount, o.close_date
    FROM audit_opportunities AS o, audit_period AS p
    WHERE o.is_won AND o.close_date >= p.from_ts AND o.close_date < p.to_ts
),
team_won AS (
    SELECT tm.manager_key, sum(w.amount) AS amount
    FROM won AS w JOIN audit_team_members AS tm ON tm.user_key = w.owner_key
    GROUP BY ALL
),
team_activities AS (
    -- Every activity the team logged on the accounts of those deals the
    -- manager owns (all of them, not only the period's: a deal closing
    -- early in the period was worked before).
    SELECT tm.manager_key, al.person_key AS owner_key,
           a.source || '/' || a.account_id AS account_key,
           coalesce(a.start_at, a.completed_at, CAST(a.due_date AS TIMESTAMP)) AS happened_at
    FROM activities AS a
    SEMI JOIN (SELECT DISTINCT source, account_id FROM won
               WHERE owner_key IN (SELECT manager_key FROM audit_managers)) AS deals
           ON deals.source = a.source AND deals.account_id = a.account_id
    JOIN audit_user_aliases AS al ON al.source = a.source AND al.id = a.owner_id
    JOIN audit_team_members AS tm ON tm.user_key = al.person_key
),
claimed AS (
    -- Deals the manager owns where the reps did most of the work before
    -- the close.
    SELECT w.opportunity_key, w.name, w.account_key, w.amount, w.close_date, m.manager_key,
           count(*) FILTER (WHERE ta.owner_key <> m.manager_key) AS rep_activities,
           count(ta.owner_key) AS team_activities
    FROM won AS w
    JOIN audit_managers AS m ON m.manager_key = w.owner_key
    LEFT JOIN team_activities AS ta
           ON ta.manager_key = m.manager_key AND ta.account_key = w.account_key
          AND ta.happened_at < CAST(w.close_date AS TIMESTAMP) + INTERVAL 1 DAY
          AND ta.happened_at >= CAST(w.close_date AS TIMESTAMP) - to_days(CAST($days_before_close AS INTEGER))
    GROUP BY ALL
    HAVING count(ta.owner_key) > 0
       AND 100.0 * count(*) FILTER (WHERE ta.owner_key <> m.manager_key) / count(ta.owner_key) >= $rep_share
),
per_manager AS (
    SELECT manager_key, sum(amount) AS amount FROM claimed GROUP BY ALL
),
evidence AS (
    SELECT c.manager_key,
           to_json(list({'deal': c.name, 'account': coalesce(acc.name, ''), 'amount': round(c.amount),
                         'closed': c.close_date,
                         'reps'' share of activity %': round(100.0 * c.rep_activities / c.team_activities)}
                        ORDER BY c.amount DESC, c.name)) AS evidence
    FROM claimed AS c
    LEFT JOIN audit_accounts AS acc USING (account_key)
    GROUP BY ALL
)
SELECT
    m.manager_key,
    100.0 * coalesce(p.amount, 0) / nullif(tw.amount, 0) AS metric,
    CASE WHEN coalesce(tw.amount, 0) = 0 THEN 'the team won no revenue in the period' END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence
FROM audit_managers AS m
LEFT JOIN team_won AS tw USING (manager_key)
LEFT JOIN per_manager AS p USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
