-- CM2 relationship_hoarding: a team's key accounts where the manager
-- logged (owns the activities of) at least $manager_share % of the team's
-- customer-facing minutes, or is the only one in the team with any. A
-- rep's visit the manager joins is the rep's: that is coaching, not
-- hoarding. Warning for any such account
-- owned by a rep; high when they are $high_share % of the team's key
-- accounts or more. The metric is how many. Evidence: each account with
-- the manager's share.
WITH team_accounts AS (
    SELECT tm.manager_key, a.account_key, a.name, a.owner_key, u.name AS owner
    FROM audit_accounts AS a
    JOIN audit_team_members AS tm ON tm.user_key = a.owner_key
    JOIN audit_users AS u ON u.user_key = a.owner_key
    WHERE a.is_key
),
shares AS (
    SELECT ta.manager_key, ta.name, ta.owner, ta.owner_key,
           coalesce(sum(w.minutes), 0) AS team_minutes,
           coalesce(sum(w.minutes) FILTER (WHERE w.with_manager), 0) AS manager_minutes,
           coalesce(bool_or(w.with_rep), false) AS reps_involved
    FROM team_accounts AS ta
    LEFT JOIN audit_key_account_work AS w ON w.manager_key = ta.manager_key AND w.account_key = ta.account_key
    GROUP BY ALL
),
flagged AS (
    SELECT *, manager_minutes > 0
              AND (100.0 * manager_minutes / team_minutes >= $manager_share OR NOT reps_involved) AS hoarded
    FROM shares
),
per_manager AS (
    SELECT manager_key, count(*) AS accounts,
           count(*) FILTER (WHERE hoarded) AS hoarded,
           count(*) FILTER (WHERE hoarded AND owner_key <> manager_key) AS hoarded_from_reps
    FROM flagged
    GROUP BY ALL
),
evidence AS (
    SELECT manager_key,
           to_json(list({'account': name, 'owner': owner,
                         'manager share %': round(100.0 * manager_minutes / team_minutes),
                         'team hours': round(team_minutes / 60, 1)} ORDER BY manager_minutes DESC, name)) AS evidence
    FROM flagged
    WHERE hoarded
    GROUP BY ALL
)
SELECT
    m.manager_key,
    p.hoarded AS metric,
    CASE WHEN coalesce(p.accounts, 0) = 0 THEN 'the team owns no key accounts' END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence,
    100.0 * p.hoarded / p.accounts AS hoarded_share,
    p.hoarded_from_reps
FROM audit_managers AS m
LEFT JOIN per_manager AS p USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
