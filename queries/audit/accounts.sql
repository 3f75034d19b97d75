-- Accounts with their revenue, their owner and whether they are key
-- accounts. An account with no owner in the export (a team sheet's
-- accounts, known only by name from the deals) is owned by the owner of
-- its deals: the one with the most won amount in the period, else with the
-- most deals, ties to the first by key. Without it such an account belongs
-- to no team, and the team's revenue reads as none.
-- Revenue is the won amount in the period, or the annual revenue when the
-- source has no won deal in the period. Key accounts are those whose tier is
-- a configured tier value; when no account has one, the smallest set of
-- accounts making $key_share of the source's revenue.
CREATE OR REPLACE TEMP TABLE audit_accounts AS
WITH won AS (
    SELECT o.account_key, sum(o.amount) AS won
    FROM audit_opportunities AS o, audit_period AS p
    WHERE o.is_won AND o.account_key IS NOT NULL
      AND o.close_date >= p.from_ts AND o.close_date < p.to_ts
    GROUP BY ALL
),
deal_owners AS (
    SELECT account_key, arg_min(owner_key, (-won, -deals, owner_key)) AS owner_key
    FROM (
        SELECT o.account_key, o.owner_key, count(*) AS deals,
               coalesce(sum(o.amount) FILTER (WHERE o.is_won AND o.close_date >= p.from_ts AND o.close_date < p.to_ts), 0) AS won
        FROM audit_opportunities AS o, audit_period AS p
        WHERE o.account_key IS NOT NULL AND o.owner_key IS NOT NULL
        GROUP BY ALL
    )
    GROUP BY ALL
),
sources_with_wins AS (
    SELECT DISTINCT split_part(account_key, '/', 1) AS source FROM won
),
base AS (
    SELECT
        a.source || '/' || a.id AS account_key,
        a.source,
        a.id,
        coalesce(a.name, a.id) AS name,
        CASE WHEN a.owner_id IS NOT NULL THEN coalesce(al.person_key, a.source || '/' || a.owner_id)
             ELSE d.owner_key END AS owner_key,
        a.tier,
        CASE WHEN a.source IN (SELECT source FROM sources_with_wins)
             THEN coalesce(w.won, 0) ELSE coalesce(a.annual_revenue, 0) END AS revenue,
        CASE WHEN a.source IN (SELECT source FROM sources_with_wins)
             THEN 'won in period' ELSE 'annual revenue' END AS revenue_basis,
        -- as internal/audit's tierKey: "Tier 1", "tier1" and "TIER_1" are one
        -- tier; the spaces are Go's unicode.IsSpace (\pZ holds the no-break
        -- space a pasted picklist value may carry)
        regexp_replace(lower(strip_accents(coalesce(a.tier, ''))), '[\s\x{0B}\x{85}\pZ_-]+', '', 'g')
            IN (SELECT tier FROM audit_key_tiers) AS tier_is_key
    FROM accounts AS a
    LEFT JOIN won AS w ON w.account_key = a.source || '/' || a.id
    LEFT JOIN deal_owners AS d ON d.account_key = a.source || '/' || a.id
    LEFT JOIN audit_user_aliases AS al ON al.source = a.source AND al.id = a.owner_id
    WHERE a.source IN (SELECT source FROM audit_sources)
),
ranked AS (
    SELECT
        *,
        sum(revenue) OVER (PARTITION BY source ORDER BY revenue DESC, account_key
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS revenue_before,
        sum(revenue) OVER (PARTITION BY source) AS source_revenue,
        bool_or(tier_is_key) OVER (PARTITION BY source) AS source_has_tiers
    FROM base
)
SELECT
    account_key, source, id, name, owner_key, tier, revenue, revenue_basis, source_revenue,
    CASE WHEN source_has_tiers THEN tier_is_key
         ELSE revenue > 0 AND coalesce(revenue_before, 0) < $key_share * source_revenue END AS is_key,
    CASE WHEN source_has_tiers THEN 'tier ' || coalesce(tier, '')
         ELSE 'in the accounts making ' || round($key_share * 100) || ' % of ' || revenue_basis END AS key_reason
FROM ranked;
