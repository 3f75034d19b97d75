-- PM6 hiring_misses: of the reps who joined a manager's team in the
-- $months months before the end of the period, the share who left within
-- $left_within_months months, or who sit in the team's bottom 20 % by won
-- amount after $ranked_after_months months (ranked only in teams of at
-- least $min_group_size with won deals). Needs at least $min_hires hires.
-- Evidence: each hire with join date, leaving date and rank.
WITH won AS (
    SELECT owner_key AS rep_key, won FROM audit_won
),
members AS (
    -- Everyone who ever reported to the manager, ranked among the reps
    -- still there at the end of the period.
    SELECT u.manager_key, u.user_key, u.name, u.joined_at, u.left_at, coalesce(w.won, 0) AS won,
           CASE WHEN u.left_at IS NULL OR u.left_at >= p.to_ts THEN
               rank() OVER (PARTITION BY u.manager_key, (u.left_at IS NULL OR u.left_at >= p.to_ts)
                            ORDER BY coalesce(w.won, 0)) END AS rank_from_bottom,
           count(*) FILTER (WHERE u.left_at IS NULL OR u.left_at >= p.to_ts)
               OVER (PARTITION BY u.manager_key) AS staying,
           coalesce(sum(w.won) FILTER (WHERE u.left_at IS NULL OR u.left_at >= p.to_ts)
               OVER (PARTITION BY u.manager_key), 0) AS staying_won
    FROM audit_users AS u
    CROSS JOIN audit_period AS p
    LEFT JOIN won AS w ON w.rep_key = u.user_key
    WHERE u.manager_key IN (SELECT manager_key FROM audit_managers)
),
hires AS (
    SELECT mb.*,
           mb.left_at IS NOT NULL AND mb.left_at < mb.joined_at + to_months(CAST($left_within_months AS INTEGER)) AS left_early,
           -- Ranking needs a team of $min_group_size and something won:
           -- of two reps one is always the lower, and with nothing won
           -- everyone ties at the bottom.
           mb.rank_from_bottom IS NOT NULL
               AND mb.staying >= $min_group_size AND mb.staying_won > 0
               AND mb.joined_at + to_months(CAST($ranked_after_months AS INTEGER)) <= p.to_ts
               AND mb.rank_from_bottom <= greatest(1, round(mb.staying * 0.2)) AS ranked_low
    FROM members AS mb, audit_period AS p
    WHERE mb.joined_at IS NOT NULL
      AND mb.joined_at >= p.to_ts - to_months(CAST($months AS INTEGER)) AND mb.joined_at < p.to_ts
),
per_manager AS (
    SELECT manager_key, count(*) AS hires, count(*) FILTER (WHERE left_early OR ranked_low) AS misses
    FROM hires
    GROUP BY ALL
),
evidence AS (
    SELECT manager_key,
           to_json(list({'hire': name, 'joined': CAST(joined_at AS DATE), 'left': CAST(left_at AS DATE),
                         'rank from bottom': rank_from_bottom,
                         'miss': CASE WHEN left_early THEN 'left within ' || printf('%g', CAST($left_within_months AS DOUBLE)) || ' months'
                                      WHEN ranked_low THEN 'bottom 20 %' ELSE '' END}
                        ORDER BY joined_at, name)) AS evidence
    FROM hires
    GROUP BY ALL
)
SELECT
    m.manager_key,
    100.0 * p.misses / nullif(p.hires, 0) AS metric,
    CASE WHEN coalesce(p.hires, 0) < $min_hires
         THEN coalesce(p.hires, 0) || ' hire(s) with a known join date in the last ' || printf('%g', CAST($months AS DOUBLE))
              || ' months; needs ' || printf('%g', CAST($min_hires AS DOUBLE)) END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence
FROM audit_managers AS m
LEFT JOIN per_manager AS p USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
