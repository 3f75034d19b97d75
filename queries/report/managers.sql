-- The managers audited: name, title, team size and the names of the team.
SELECT
    m.manager_key,
    m.name,
    coalesce(m.title, '') AS title,
    m.team_size,
    list(u.name ORDER BY u.name) AS team
FROM audit_managers AS m
JOIN audit_team AS t USING (manager_key)
JOIN audit_users AS u ON u.user_key = t.rep_key
GROUP BY ALL
ORDER BY m.name;
