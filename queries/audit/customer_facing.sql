-- Which of the activities looked at (audit_looked_at: the managers', and
-- all on key accounts) faced a customer, and how that is known (docs/audit.md,
-- "Customer-facing"): 'customer', a customer attended or was addressed (a
-- contact, an attendee from outside the company: audit_external_activities);
-- 'type', the CRM type is customer-facing by nature ($customer_types,
-- folded); 'subject', the activity is on an account and its subject says it
-- happened with the customer ($customer_pattern, on the folded subject).
-- Type and subject count for meetings, events and calls only: a task
-- "Expenses for the Acme visit" is not the visit. An activity that only
-- references an account is not here: it is work about the customer.
-- A row may be in both (a manager's activity on a key account): the
-- statements below look a row up, or group by it, so twice does no harm
-- and costs less than removing it.
CREATE OR REPLACE TEMP TABLE audit_looked_at AS
SELECT row, kind, raw_type, subject, account_key FROM audit_activities
UNION ALL
SELECT row, kind, raw_type, subject, account_key FROM audit_key_activities;

CREATE OR REPLACE TEMP TABLE audit_customer_facing AS
WITH audited AS (SELECT * FROM audit_looked_at),
visit_subjects AS (
    -- Each distinct subject is matched once.
    SELECT subject
    FROM (SELECT DISTINCT subject FROM audited WHERE account_key IS NOT NULL AND kind IN ('meeting', 'event', 'call'))
    WHERE regexp_matches(lower(strip_accents(subject)), $customer_pattern)
),
known AS (
    SELECT row, 'customer' AS known_by FROM audit_external_activities
    UNION ALL
    SELECT row, 'type' FROM audited
    WHERE kind IN ('meeting', 'event', 'call')
      AND list_contains(CAST($customer_types AS VARCHAR[]), lower(strip_accents(trim(raw_type))))
    UNION ALL
    SELECT row, 'subject' FROM audited
    WHERE kind IN ('meeting', 'event', 'call') AND account_key IS NOT NULL
      AND subject IN (SELECT subject FROM visit_subjects)
)
-- The first way it is known, in the order above.
SELECT row, arg_min(known_by, CASE known_by WHEN 'customer' THEN 1 WHEN 'type' THEN 2 ELSE 3 END) AS known_by
FROM known
GROUP BY row;

-- The audited activities that are mass e-mail sends to a list (one task
-- per recipient): by their CRM type ($mass_types, folded) or the prefix
-- their subject starts with ($mass_pattern, on the folded subject).
-- manager_activities.sql counts each send once; key_account_work.sql
-- never counts one as a customer touch.
CREATE OR REPLACE TEMP TABLE audit_mass_emails AS
WITH audited AS (SELECT * FROM audit_looked_at),
mass_subjects AS (
    SELECT subject
    FROM (SELECT DISTINCT subject FROM audited WHERE kind IN ('email', 'task'))
    WHERE regexp_matches(lower(strip_accents(subject)), $mass_pattern)
)
SELECT DISTINCT row
FROM audited
WHERE kind IN ('email', 'task')
  AND (list_contains(CAST($mass_types AS VARCHAR[]), lower(strip_accents(trim(raw_type))))
       OR subject IN (SELECT subject FROM mass_subjects));
