-- The managers audited, with their team size in the period.
CREATE OR REPLACE TEMP TABLE audit_managers AS
SELECT t.manager_key, u.name, u.title, u.source, u.id, count(*) AS team_size
FROM audit_team AS t
JOIN audit_users AS u ON u.user_key = t.manager_key
GROUP BY ALL;
