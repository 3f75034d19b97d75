-- The distinct folded subjects of the managers' activities: keywords are
-- matched once per subject (see classify/keywords.sql), not per activity.
CREATE OR REPLACE TEMP TABLE audit_subjects AS
SELECT DISTINCT subject_folded FROM audit_manager_activities;
CREATE OR REPLACE TEMP TABLE audit_subject_rules (subject_folded VARCHAR NOT NULL, position INTEGER NOT NULL);
