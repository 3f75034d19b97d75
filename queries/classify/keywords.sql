-- The subjects that match one classification rule's keywords ($pattern, a
-- regular expression built from them, matched against the folded subject);
-- run once per rule with keywords, so that each pattern is a constant
-- DuckDB compiles once.
INSERT INTO audit_subject_rules
SELECT subject, $position
FROM audit_subjects
WHERE regexp_matches(subject_folded, $pattern);
