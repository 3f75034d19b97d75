-- Users of the audited sources, keyed "source/id" so that later queries
-- join on one column.
CREATE OR REPLACE TEMP TABLE audit_users AS
SELECT
    source || '/' || id AS user_key,
    source,
    id,
    coalesce(name, email, id) AS name,
    email,
    title,
    CASE WHEN manager_id IS NOT NULL THEN source || '/' || manager_id END AS manager_key,
    active,
    joined_at,
    left_at
FROM users
WHERE source IN (SELECT source FROM audit_sources);
