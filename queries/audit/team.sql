-- Direct reports: every user whose manager is known and who was in the
-- company during some of the period. A manager is a user with at least one.
CREATE OR REPLACE TEMP TABLE audit_team AS
SELECT r.manager_key, r.user_key AS rep_key
FROM audit_users AS r
JOIN audit_users AS m ON m.user_key = r.manager_key
CROSS JOIN audit_period AS p
WHERE (r.joined_at IS NULL OR r.joined_at < p.to_ts)
  AND (r.left_at IS NULL OR r.left_at >= p.from_ts);
