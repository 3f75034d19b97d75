-- Each manager's private time in minutes: events marked private, counted
-- as hours but never classified nor in the shares.
SELECT manager_key, minutes FROM audit_private_time;
