-- The audit's inputs that come from the configuration, as tables the
-- analyses join with, made from the parameters the host binds: the
-- audited sources ($sources, a list; empty means every loaded source), the
-- estimated minutes per activity kind, the key-account tiers (folded as
-- accounts.sql folds tiers), the categories with their roles and the
-- classification rules in order (JSON arrays of objects).
CREATE OR REPLACE TEMP TABLE audit_sources AS
SELECT DISTINCT source FROM ingest_runs WHERE len(CAST($sources AS VARCHAR[])) = 0
UNION ALL
SELECT unnest(CAST($sources AS VARCHAR[])) AS source;

CREATE OR REPLACE TEMP TABLE audit_estimates AS
SELECT e.kind, e.minutes
FROM (SELECT unnest(from_json($estimates, '[{"kind": "VARCHAR", "minutes": "DOUBLE"}]')) AS e);

CREATE OR REPLACE TEMP TABLE audit_key_tiers AS
SELECT unnest(CAST($key_tiers AS VARCHAR[])) AS tier;

CREATE OR REPLACE TEMP TABLE audit_categories AS
SELECT c.category, c.role
FROM (SELECT unnest(from_json($categories, '[{"category": "VARCHAR", "role": "VARCHAR"}]')) AS c);

CREATE OR REPLACE TEMP TABLE audit_class_rules AS
SELECT r.position, r.name, r.category, r.kinds, r.pattern, r.customer_facing, r.external,
       r.key_account, r.account, r.mass_email, r.min_reps, r.max_reps, r.max_others
FROM (SELECT unnest(from_json($class_rules, '[{"position": "INTEGER", "name": "VARCHAR",
        "category": "VARCHAR", "kinds": "VARCHAR[]", "pattern": "VARCHAR",
        "customer_facing": "BOOLEAN", "external": "BOOLEAN", "key_account": "BOOLEAN",
        "account": "BOOLEAN", "mass_email": "BOOLEAN",
        "min_reps": "INTEGER", "max_reps": "INTEGER", "max_others": "INTEGER"}]')) AS r);

-- The org file from HR (--org), one row per person it names; empty
-- without one. users.sql matches its rows to people.
CREATE OR REPLACE TEMP TABLE audit_org AS
SELECT o.line, nullif(o.person, '') AS person, nullif(lower(o.email), '') AS email, nullif(o.id, '') AS id,
       nullif(o.manager, '') AS manager, nullif(o.title, '') AS title,
       CAST(o.hire_date AS TIMESTAMP) AS hire_date, CAST(o.leave_date AS TIMESTAMP) AS leave_date
FROM (SELECT unnest(from_json($org, '[{"line": "BIGINT", "person": "VARCHAR", "email": "VARCHAR", "id": "VARCHAR",
        "manager": "VARCHAR", "title": "VARCHAR", "hire_date": "VARCHAR", "leave_date": "VARCHAR"}]')) AS o);
