-- The managers audited: name, title, team size, the names of the team,
-- the manager's level (first_line or second_line) and where the team's
-- links to the manager come from (manager_field, role_hierarchy,
-- team_sheet; "" where the connector does not say).
SELECT
    m.manager_key,
    m.name,
    coalesce(m.title, '') AS title,
    m.team_size,
    coalesce(list(u.name ORDER BY u.name) FILTER (WHERE u.name IS NOT NULL), []) AS team,
    m.level,
    coalesce(list(DISTINCT coalesce(u.manager_from, '') ORDER BY coalesce(u.manager_from, ''))
                 FILTER (WHERE u.user_key IS NOT NULL), []) AS team_from
FROM audit_managers AS m
LEFT JOIN audit_team AS t USING (manager_key)
LEFT JOIN audit_users AS u ON u.user_key = t.rep_key
GROUP BY ALL
ORDER BY m.name;
