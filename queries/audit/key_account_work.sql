-- Each team's customer-facing work on key accounts in the period (CM1,
-- CM2): one row per team (by its manager) and activity on a key account
-- that someone of the team took part in (its owner or an attendee who did
-- not decline), with its minutes, when it happened, whether the manager
-- logged it (owns it) and whether someone else of the team took part.
-- Customer-facing as audit_customer_facing says (a customer was there or
-- addressed); a mass e-mail send is no touch of an account.
CREATE OR REPLACE TEMP TABLE audit_key_account_work AS
WITH customer_facing AS (
    SELECT row, account_key, happened_at, minutes, owner_key
    FROM audit_key_activities
    WHERE row IN (SELECT row FROM audit_customer_facing)
      AND row NOT IN (SELECT row FROM audit_mass_emails)
),
participants AS (
    SELECT row, owner_key AS person_key FROM customer_facing WHERE owner_key IS NOT NULL
    UNION
    SELECT row, person_key FROM audit_attendance WHERE row IN (SELECT row FROM customer_facing)
)
SELECT
    tm.manager_key,
    c.row,
    any_value(c.account_key) AS account_key,
    any_value(c.happened_at) AS happened_at,
    any_value(c.minutes) AS minutes,
    bool_or(c.owner_key = tm.manager_key) AS with_manager,
    bool_or(p.person_key <> tm.manager_key) AS with_rep
FROM customer_facing AS c
JOIN participants AS p USING (row)
JOIN audit_team_members AS tm ON tm.user_key = p.person_key
GROUP BY tm.manager_key, c.row;
