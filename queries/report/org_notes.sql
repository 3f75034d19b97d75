-- What the audit could not tie to one person or one team, for data
-- quality, one row per note (kind, source, subject, people, detail):
--   shared_mailbox: an address that two or more users of one source
--     share (a team mailbox); none of them is matched to anyone by it.
--   system_mailbox: a user on a system address (noreply@…); it is matched
--     to no one by it.
--   manager_among_role_holders: a user whose manager comes from a role
--     that several users hold; which one was chosen, and why
--     (audit_manager_choices).
--   org_file_row: a row of the org file (--org) that changes nothing: its
--     person or its manager matches no one or several people, or its
--     person has a row above it.
--   titled_manager_without_team: a person whose title or CRM role says
--     manager (organisation.manager_titles, not rep_titles) but who has no
--     direct report in the data, so is not audited: the team is missing
--     from the export.
--   manager_loop: people named as their own manager, or whose managers
--     lead round to them again (audit_manager_loops); none of them is
--     counted as anyone's report.
WITH named AS (
    SELECT a.source, a.address, a.user_key, coalesce(u.name, u.email, u.id) AS name
    FROM audit_user_aliases AS a
    JOIN users AS u ON u.source = a.source AND u.id = a.id
    WHERE a.address IS NOT NULL
),
shared AS (
    SELECT 'shared_mailbox' AS kind, source, address AS subject, list(name ORDER BY name, user_key) AS people,
           'one address for ' || count(*) || ' users: none of them is matched to anyone by it' AS detail
    FROM named
    GROUP BY source, address
    HAVING count(*) > 1
),
system AS (
    SELECT 'system_mailbox' AS kind, source, address AS subject, list(name ORDER BY name, user_key) AS people,
           'a system address: matched to no one' AS detail
    FROM named
    WHERE list_contains($system_mailboxes, split_part(address, '@', 1)) OR list_contains($system_mailboxes, address)
    GROUP BY source, address
    HAVING count(*) = 1
),
titled AS (
    SELECT u.user_key, u.source, u.name, lower(concat_ws(' ', u.title, raw.role)) AS words,
           coalesce(nullif(trim(u.title), ''), raw.role) AS title
    FROM audit_users AS u
    JOIN users AS raw ON raw.source = u.source AND raw.id = u.id
    CROSS JOIN audit_period AS p
    WHERE u.user_key NOT IN (SELECT manager_key FROM audit_managers)
      AND (u.joined_at IS NULL OR u.joined_at < p.to_ts)
      AND (u.left_at IS NULL OR u.left_at >= p.from_ts)
),
titled_managers AS (
    SELECT 'titled_manager_without_team' AS kind, source, title AS subject, [name] AS people,
           'no direct report in the data: give the users of the team their manager in the CRM '
               || '(manager field or role hierarchy), or name them with --manager to audit their own time' AS detail
    FROM titled AS t
    WHERE EXISTS (SELECT 1 FROM unnest($manager_titles) AS m(word) WHERE contains(t.words, m.word))
      AND NOT EXISTS (SELECT 1 FROM unnest($rep_titles) AS r(word) WHERE contains(t.words, r.word))
),
choices AS (
    SELECT 'manager_among_role_holders' AS kind, c.source, coalesce(u.name, u.id) AS subject,
           list(coalesce(h.name, h.id) ORDER BY coalesce(h.name, h.id), h.id) AS people,
           'several users hold the role above: chose ' || coalesce(any_value(m.name), c.manager_id) ||
           CASE WHEN c.by_time THEN ', with the most time together in the period (' || round(c.minutes / 60, 1) || ' h)'
                ELSE ', as no time together in the period tells them apart (then: who already leads most users, '
                     || 'then the first by ID); set ManagerId in the CRM to decide' END AS detail
    FROM audit_manager_choices AS c
    JOIN users AS u ON u.source = c.source AND u.id = c.user_id
    CROSS JOIN unnest(CAST(json(u.manager_candidates) AS VARCHAR[])) AS k(candidate)
    LEFT JOIN users AS h ON h.source = c.source AND h.id = k.candidate
    LEFT JOIN users AS m ON m.source = c.source AND m.id = c.manager_id
    GROUP BY c.source, c.user_id, u.name, u.id, c.manager_id, c.by_time, c.minutes
),
org_rows AS (
    SELECT 'org_file_row' AS kind, 'org file' AS source,
           'line ' || line || ': ' || coalesce(person, email, id) AS subject,
           [coalesce(person, email, id)] AS people,
           CASE WHEN len(person_keys) = 0 THEN 'no user of the audited sources is this person'
                WHEN len(person_keys) > 1 THEN 'several users match this person: give their e-mail or CRM ID'
                WHEN NOT counts THEN 'this person has a row above it, which counts'
                WHEN manager IS NOT NULL AND len(manager_keys) = 0 THEN 'no user is the manager ' || manager
                WHEN manager IS NOT NULL AND len(manager_keys) > 1 THEN 'several users match the manager ' || manager
                WHEN manager IS NOT NULL AND manager_key IS NULL THEN 'the manager is the person itself' END AS detail
    FROM audit_org_matches
),
org_notes AS (
    SELECT * FROM org_rows WHERE detail IS NOT NULL
),
loops AS (
    -- One note per loop: the one of its rows that starts at its first
    -- person by key, the loop told from them, through their manager, round
    -- to them again.
    SELECT 'manager_loop' AS kind, any_value(u.source) AS source,
           CASE WHEN count(*) = 1 THEN first(u.name)
                ELSE string_agg(u.name, ' → ' ORDER BY p.step) || ' → ' || first(u.name ORDER BY p.step) END AS subject,
           list(u.name ORDER BY u.name, u.user_key) AS people,
           CASE WHEN count(*) = 1 THEN 'named as their own manager'
                ELSE 'each one''s manager is the next, round to the first' END
               || ': counted as nobody''s report; set the manager in the CRM, or give an org file (--org)' AS detail
    FROM audit_manager_loops AS l,
         unnest(l.loop) WITH ORDINALITY AS p(user_key, step)
    JOIN audit_users AS u ON u.user_key = p.user_key
    WHERE l.user_key = list_min(l.loop)
    GROUP BY l.user_key
)
SELECT * FROM shared
UNION ALL SELECT * FROM system
UNION ALL SELECT * FROM org_notes
UNION ALL SELECT * FROM choices
UNION ALL SELECT * FROM titled_managers
UNION ALL SELECT * FROM loops
ORDER BY kind, source, subject, people;
