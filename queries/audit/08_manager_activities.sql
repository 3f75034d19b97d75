-- Each manager's activities (owned or attended, each counted once), with
-- who else took part: how many of the manager's direct reports (and which),
-- how many other colleagues, and whether the work faced a customer.
CREATE OR REPLACE TEMP TABLE audit_manager_activities AS
WITH mine AS (
    SELECT p.user_key AS manager_key, p.activity_key
    FROM audit_participants AS p
    WHERE p.user_key IN (SELECT manager_key FROM audit_managers)
),
company AS (
    SELECT
        mine.manager_key,
        mine.activity_key,
        count(DISTINCT p.user_key) FILTER (WHERE t.rep_key IS NOT NULL) AS reps_present,
        count(DISTINCT p.user_key) FILTER (WHERE t.rep_key IS NULL AND p.user_key <> mine.manager_key) AS others_internal,
        coalesce(list(DISTINCT p.user_key) FILTER (WHERE t.rep_key IS NOT NULL), []) AS reps
    FROM mine
    JOIN audit_participants AS p ON p.activity_key = mine.activity_key
    LEFT JOIN audit_team AS t ON t.manager_key = mine.manager_key AND t.rep_key = p.user_key
    GROUP BY ALL
)
SELECT
    c.manager_key,
    c.reps_present,
    c.others_internal,
    c.reps,
    a.*,
    coalesce(acc.is_key, false) AS is_key,
    a.external_present OR (a.account_key IS NOT NULL AND a.kind <> 'task') AS customer_facing
FROM company AS c
JOIN audit_activities AS a USING (activity_key)
LEFT JOIN audit_accounts AS acc ON acc.account_key = a.account_key;
