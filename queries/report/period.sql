-- The audit period and its length in weeks.
SELECT from_ts, to_ts, weeks FROM audit_period;
