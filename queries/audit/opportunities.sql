-- Opportunities of the audited sources, their owner resolved to a person.
CREATE OR REPLACE TEMP TABLE audit_opportunities AS
SELECT
    o.source || '/' || o.id AS opportunity_key,
    o.source,
    coalesce(o.name, o.id) AS name,
    coalesce(al.person_key, o.source || '/' || o.owner_id) AS owner_key,
    CASE WHEN o.account_id IS NOT NULL THEN o.source || '/' || o.account_id END AS account_key,
    o.account_id,
    coalesce(o.amount, 0) AS amount,
    o.is_won,
    o.is_closed,
    o.close_date,
    o.created_at
FROM opportunities AS o
LEFT JOIN audit_user_aliases AS al ON al.source = o.source AND al.id = o.owner_id
WHERE o.source IN (SELECT source FROM audit_sources);

-- Won revenue in the period, per owner.
CREATE OR REPLACE TEMP TABLE audit_won AS
SELECT o.owner_key, sum(o.amount) AS won
FROM audit_opportunities AS o, audit_period AS p
WHERE o.is_won AND o.close_date >= p.from_ts AND o.close_date < p.to_ts
GROUP BY ALL;
