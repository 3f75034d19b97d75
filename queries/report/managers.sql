-- The managers audited: name, title, team size, the names of the team,
-- the manager's level (first_line or second_line) and where the team's
-- links to the manager come from (manager_field, role_hierarchy,
-- team_sheet; "" where the connector does not say).
SELECT
    m.manager_key,
    m.name,
    coalesce(m.title, '') AS title,
    m.team_size,
    list(u.name ORDER BY u.name) AS team,
    m.level,
    list(DISTINCT coalesce(u.manager_from, '') ORDER BY coalesce(u.manager_from, '')) AS team_from
FROM audit_managers AS m
JOIN audit_team AS t USING (manager_key)
JOIN audit_users AS u ON u.user_key = t.rep_key
GROUP BY ALL
ORDER BY m.name;
