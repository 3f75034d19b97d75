-- The managers audited, with their team size in the period and their
-- level: a first-line manager's direct reports lead no one; a manager who
-- leads at least one manager is second-line (a Sales Director over
-- country managers), and the rules that judge a team of reps do not judge
-- them (each rule's file lists the levels it judges).
CREATE OR REPLACE TEMP TABLE audit_managers AS
SELECT
    t.manager_key, u.name, u.title, u.source, u.id, count(*) AS team_size,
    CASE WHEN bool_or(t.rep_key IN (SELECT manager_key FROM audit_team))
        THEN 'second_line' ELSE 'first_line' END AS level
FROM audit_team AS t
JOIN audit_users AS u ON u.user_key = t.manager_key
GROUP BY ALL
UNION ALL
-- The user --manager names (by ID or name, as the report matches it) when
-- nobody reports to them in the data (a country manager whose reps are not
-- users of the CRM): audited with no team, so that the rules about their
-- own time still judge them; the rules about a team say it is missing.
SELECT u.user_key, u.name, u.title, u.source, u.id, 0, 'first_line'
FROM audit_users AS u
WHERE $manager <> ''
  AND (u.id = $manager OR lower(strip_accents(u.name)) = lower(strip_accents(trim($manager))))
  AND u.user_key NOT IN (SELECT manager_key FROM audit_team);

-- Each team's members: the manager and their direct reports. Several
-- analyses ask who of a team took part (BM2, CM1, CM2, PM5, the key
-- accounts' work).
CREATE OR REPLACE TEMP TABLE audit_team_members AS
SELECT manager_key, manager_key AS user_key FROM audit_managers
UNION ALL
SELECT manager_key, rep_key FROM audit_team;

-- The managers the report is about: the one --manager names (as the
-- report matches it), else all. Data quality counts their teams' work.
CREATE OR REPLACE TEMP TABLE audit_reported_managers AS
SELECT manager_key FROM audit_managers
WHERE $manager = '' OR id = $manager OR lower(strip_accents(name)) = lower(strip_accents(trim($manager)));
