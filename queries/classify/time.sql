-- The category of every manager minute: the first classification rule (by
-- position) whose conditions all hold, else "unclassified". Keyword matches
-- come from audit_subject_rules (classify/keywords.sql). The rules are
-- tried once per distinct combination of what they look at (kind,
-- subject, customer facing, external, key account, on an account, mass
-- e-mail, who was there), not
-- once per activity: there are far fewer of those.
-- The rules whose conditions other than words hold for each distinct
-- combination of what they look at in the managers' activities: far fewer
-- than activities, and read from the two tables without copying them.
-- classify suggest reads the fits too, to propose keywords only to rules
-- that would take the activities.
CREATE OR REPLACE TEMP TABLE audit_rule_fits AS
WITH signatures AS (
    SELECT DISTINCT a.kind, a.subject, ma.customer_facing, ma.external_present, ma.is_key, ma.on_account,
           ma.mass_email, ma.reps_present, ma.others_internal
    FROM audit_manager_activities AS ma
    JOIN audit_activities AS a USING (row)
)
SELECT s.*, r.position
FROM signatures AS s
JOIN audit_class_rules AS r ON
        (r.kinds IS NULL OR list_contains(r.kinds, s.kind))
    AND (r.customer_facing IS NULL OR r.customer_facing = s.customer_facing)
    AND (r.external IS NULL OR r.external = s.external_present)
    AND (r.key_account IS NULL OR r.key_account = s.is_key)
    AND (r.account IS NULL OR r.account = s.on_account)
    AND (r.mass_email IS NULL OR r.mass_email = s.mass_email)
    AND (r.min_reps IS NULL OR s.reps_present >= r.min_reps)
    AND (r.max_reps IS NULL OR s.reps_present <= r.max_reps)
    AND (r.max_others IS NULL OR s.others_internal <= r.max_others);

CREATE OR REPLACE TEMP TABLE audit_time AS
WITH manager_activities AS (
    SELECT ma.*, a.* EXCLUDE (row, id, start_at, account_key)
    FROM audit_manager_activities AS ma
    JOIN audit_activities AS a USING (row)
),
subject_rules AS (
    SELECT subject, list(position) AS positions
    FROM audit_subject_rules
    GROUP BY ALL
),
matched AS (
    -- The first fitting rule whose words (if it has any) match.
    SELECT f.kind, f.subject, f.customer_facing, f.external_present, f.is_key, f.on_account, f.mass_email,
           f.reps_present, f.others_internal,
           min(f.position) AS position
    FROM audit_rule_fits AS f
    JOIN audit_class_rules AS r USING (position)
    LEFT JOIN subject_rules AS sr USING (subject)
    WHERE r.pattern IS NULL OR coalesce(list_contains(sr.positions, r.position), false)
    GROUP BY ALL
),
classes AS (
    SELECT m.*, r.category, c.role, r.name AS class_rule
    FROM matched AS m
    JOIN audit_class_rules AS r USING (position)
    LEFT JOIN audit_categories AS c USING (category)
)
SELECT
    ma.*,
    coalesce(cl.category, 'unclassified') AS category,
    coalesce(cl.role, 'unclassified') AS role,
    cl.class_rule
FROM manager_activities AS ma
LEFT JOIN classes AS cl USING (kind, subject, customer_facing, external_present, is_key, on_account, mass_email,
                               reps_present, others_internal);
