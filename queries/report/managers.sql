-- The managers audited: name, title, team size, the names of the team,
-- the manager's level (first_line or second_line), where the team's
-- links to the manager come from (manager_field, role_hierarchy,
-- team_sheet; "" where the connector does not say), and the reps who
-- joined or left during the period, with the day (the team counts
-- everyone who was in it during some of the period, so a team line
-- must say who was not there throughout), and everyone who reports to
-- them in the data, for pseudonyms.
SELECT
    m.manager_key,
    m.name,
    coalesce(m.title, '') AS title,
    m.team_size,
    coalesce(list(u.name ORDER BY u.name) FILTER (WHERE u.name IS NOT NULL), []) AS team,
    m.level,
    coalesce(list(DISTINCT coalesce(u.manager_from, '') ORDER BY coalesce(u.manager_from, ''))
                 FILTER (WHERE u.user_key IS NOT NULL), []) AS team_from,
    coalesce(list({
                 'name': u.name,
                 'joined': CASE WHEN u.joined_at >= p.from_ts THEN u.joined_at END,
                 'left': CASE WHEN u.left_at < p.to_ts THEN u.left_at END
             } ORDER BY u.name)
             FILTER (WHERE u.joined_at >= p.from_ts OR u.left_at < p.to_ts), []) AS team_changes,
    -- Everyone who reports to the manager in the data, in the team during
    -- the period or not (a hire who left before it, in PM6's evidence):
    -- the names a pseudonymized report hides.
    coalesce((SELECT list(DISTINCT x.name ORDER BY x.name) FROM audit_users AS x WHERE x.manager_key = m.manager_key), [])
        AS reports_ever
FROM audit_managers AS m
CROSS JOIN audit_period AS p
LEFT JOIN audit_team AS t USING (manager_key)
LEFT JOIN audit_users AS u ON u.user_key = t.rep_key
GROUP BY ALL
ORDER BY m.name;
