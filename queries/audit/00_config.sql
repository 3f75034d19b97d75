-- The audit's inputs that come from the configuration, as tables the
-- analyses join with. The host fills them before the other files run.
CREATE OR REPLACE TEMP TABLE audit_sources (source VARCHAR NOT NULL);
CREATE OR REPLACE TEMP TABLE audit_estimates (kind VARCHAR NOT NULL, minutes DOUBLE NOT NULL);
CREATE OR REPLACE TEMP TABLE audit_key_tiers (tier VARCHAR NOT NULL);
CREATE OR REPLACE TEMP TABLE audit_categories (category VARCHAR NOT NULL, role VARCHAR);
CREATE OR REPLACE TEMP TABLE audit_class_rules (
    position         INTEGER NOT NULL,
    name             VARCHAR NOT NULL,
    category         VARCHAR NOT NULL,
    kinds            VARCHAR[],
    pattern          VARCHAR,
    customer_facing  BOOLEAN,
    external         BOOLEAN,
    key_account      BOOLEAN,
    min_reps         INTEGER,
    max_reps         INTEGER,
    max_others       INTEGER
);
