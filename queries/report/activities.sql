-- Every classified manager activity, to explain a report's numbers down to
-- the activity: when, what, how long (and whether estimated), its category,
-- the classification rule that put it there, how it is known to have faced
-- a customer (audit_customer_facing's known_by, or 'mass e-mail'; '' for
-- work without a customer), and where in the export it is.
-- Filters: $manager (CRM ID or name, '' for all), $category ('' for all).
SELECT
    m.name AS manager,
    t.happened_at,
    t.kind,
    t.subject,
    coalesce(a.name, '') AS account,
    t.minutes,
    t.estimated,
    t.category,
    coalesce(t.class_rule, '') AS class_rule,
    t.reps_present,
    coalesce(t.customer_known_by, '') AS customer_known_by,
    t.source || ':' || t.src_file || ':' || t.src_line AS origin
FROM audit_time AS t
JOIN audit_managers AS m USING (manager_key)
LEFT JOIN audit_accounts AS a USING (account_key)
WHERE ($manager = '' OR m.id = $manager OR lower(strip_accents(m.name)) = lower(strip_accents($manager)))
  AND ($category = '' OR t.category = $category)
ORDER BY m.name, t.happened_at, t.subject;
