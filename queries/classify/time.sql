-- The category of every manager minute: the first classification rule (by
-- position) whose conditions all hold, else "unclassified". Keyword matches
-- come from audit_subject_rules (classify/keywords.sql).
CREATE OR REPLACE TEMP TABLE audit_time AS
WITH subject_rules AS (
    SELECT subject_folded, list(position) AS positions
    FROM audit_subject_rules
    GROUP BY ALL
),
matched AS (
    SELECT ma.manager_key, ma.activity_key, min(r.position) AS position
    FROM audit_manager_activities AS ma
    LEFT JOIN subject_rules AS sr USING (subject_folded)
    JOIN audit_class_rules AS r ON
            (r.kinds IS NULL OR list_contains(r.kinds, ma.kind))
        AND (r.pattern IS NULL OR coalesce(list_contains(sr.positions, r.position), false))
        AND (r.customer_facing IS NULL OR r.customer_facing = ma.customer_facing)
        AND (r.external IS NULL OR r.external = ma.external_present)
        AND (r.key_account IS NULL OR r.key_account = ma.is_key)
        AND (r.min_reps IS NULL OR ma.reps_present >= r.min_reps)
        AND (r.max_reps IS NULL OR ma.reps_present <= r.max_reps)
        AND (r.max_others IS NULL OR ma.others_internal <= r.max_others)
    GROUP BY ALL
)
SELECT
    ma.*,
    coalesce(r.category, 'unclassified') AS category,
    coalesce(c.role, 'unclassified') AS role,
    r.name AS class_rule
FROM audit_manager_activities AS ma
LEFT JOIN matched AS m USING (manager_key, activity_key)
LEFT JOIN audit_class_rules AS r ON r.position = m.position
LEFT JOIN audit_categories AS c ON c.category = coalesce(r.category, 'unclassified');
