-- The distinct subjects of the managers' activities, folded (lower case,
-- no accents): keywords are matched once per subject (see
-- classify/keywords.sql), and meetings grouped by folded subject
-- (manager_activities.sql), without folding every activity's subject.
CREATE OR REPLACE TEMP TABLE audit_subjects AS
SELECT subject, lower(strip_accents(subject)) AS subject_folded
FROM (SELECT DISTINCT subject FROM audit_activities);

CREATE OR REPLACE TEMP TABLE audit_subject_rules (subject VARCHAR NOT NULL, position INTEGER NOT NULL);
