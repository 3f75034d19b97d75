-- The subjects `salesaudit classify suggest` works on: those of the
-- managers' activities that no rule placed (unclassified) or that only a
-- rule without words took into internal_other (the catch-all for internal
-- meetings), with their activities and minutes, and the rules (by
-- position) whose conditions other than words hold for every one of the
-- subject's activities: a keyword proposed to one of those would take
-- them. Beside each, the names of the organisation's people and accounts
-- (names), so that subjects differing only by a name group together.
-- Filter: $manager (CRM ID or name, '' for all).
WITH candidates AS (
    SELECT t.subject, t.category, count(*) AS activities, sum(t.minutes) AS minutes
    FROM audit_time AS t
    JOIN audit_managers AS m USING (manager_key)
    WHERE (t.category = 'unclassified'
           OR (t.category = 'internal_other'
               AND t.class_rule IN (SELECT name FROM audit_class_rules WHERE pattern IS NULL)))
      AND ($manager = '' OR m.id = $manager OR lower(strip_accents(m.name)) = lower(strip_accents($manager)))
    GROUP BY ALL
),
shapes AS (
    SELECT subject, count(*) AS shapes
    FROM (SELECT DISTINCT kind, subject, customer_facing, external_present, is_key, on_account, mass_email,
                          reps_present, others_internal
          FROM audit_time
          WHERE subject IN (SELECT subject FROM candidates))
    GROUP BY ALL
),
fitting AS (
    SELECT f.subject, list(f.position ORDER BY f.position) AS positions
    FROM (SELECT subject, position, count(*) AS fits FROM audit_rule_fits
          WHERE subject IN (SELECT subject FROM candidates) GROUP BY ALL) AS f
    JOIN shapes AS s ON s.subject = f.subject AND f.fits = s.shapes
    GROUP BY ALL
)
SELECT c.subject, c.category, c.activities, c.minutes, coalesce(f.positions, []) AS fitting,
       (SELECT list(DISTINCT name) FROM (SELECT name FROM audit_users UNION ALL SELECT name FROM audit_accounts)
        WHERE name IS NOT NULL) AS names
FROM candidates AS c
LEFT JOIN fitting AS f USING (subject)
ORDER BY c.minutes DESC, c.subject;
