-- Each manager's activities (owned or attended), with who else took part:
-- how many of the manager's direct reports (and which), how many other
-- colleagues, and whether the work faced a customer. One meeting logged
-- more than once among a manager's activities (the same meeting_key: in
-- the CRM and in calendars) counts once, as its record with an account if
-- it has one, with the people, customers and account of all its copies.
-- The grouping is per manager: a person cannot be in two meetings of the
-- same name starting the same minute, while two teams can each have a
-- "Weekly team meeting" at nine on Monday.
CREATE OR REPLACE TEMP TABLE audit_manager_activities AS
WITH mine AS (
    SELECT p.user_key AS manager_key, a.activity_key, a.meeting_key
    FROM audit_participants AS p
    JOIN audit_activities AS a USING (activity_key)
    WHERE p.user_key IN (SELECT manager_key FROM audit_managers)
),
meetings AS (
    SELECT
        mine.manager_key,
        mine.meeting_key,
        arg_min(a.activity_key, (a.account_key IS NULL, a.source, a.activity_key)) AS activity_key,
        bool_or(a.external_present) AS external_present,
        any_value(a.account_key) FILTER (WHERE a.account_key IS NOT NULL) AS account_key
    FROM mine
    JOIN audit_activities AS a USING (activity_key)
    GROUP BY ALL
),
company AS (
    SELECT
        mine.manager_key,
        mine.meeting_key,
        count(DISTINCT p.user_key) FILTER (WHERE t.rep_key IS NOT NULL) AS reps_present,
        count(DISTINCT p.user_key) FILTER (WHERE t.rep_key IS NULL AND p.user_key <> mine.manager_key) AS others_internal,
        coalesce(list(DISTINCT p.user_key) FILTER (WHERE t.rep_key IS NOT NULL), []) AS reps
    FROM mine
    JOIN audit_participants AS p USING (activity_key)
    LEFT JOIN audit_team AS t ON t.manager_key = mine.manager_key AND t.rep_key = p.user_key
    GROUP BY ALL
)
SELECT
    c.manager_key,
    c.reps_present,
    c.others_internal,
    c.reps,
    a.* REPLACE (m.external_present AS external_present, m.account_key AS account_key),
    coalesce(acc.is_key, false) AS is_key,
    m.external_present OR (m.account_key IS NOT NULL AND a.kind <> 'task') AS customer_facing
FROM company AS c
JOIN meetings AS m USING (manager_key, meeting_key)
JOIN audit_activities AS a ON a.activity_key = m.activity_key
LEFT JOIN audit_accounts AS acc ON acc.account_key = m.account_key;
