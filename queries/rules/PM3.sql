-- PM3 weakest_link_focus: coaching minutes per rep and week for the bottom
-- 20 % of a manager's reps (ranked by won amount in the period, among the
-- reps still in the team at its end) divided by the same for the middle
-- 60 %. Needs at least $min_group_size such reps and some won amount to
-- rank them by (else the groups would be alphabetical). Evidence: minutes
-- per rep in each group.
WITH coached AS (
    SELECT manager_key, unnest(reps) AS rep_key, minutes
    FROM audit_time
    WHERE category IN ('coaching', 'field_coaching')
),
won AS (
    SELECT owner_key AS rep_key, won FROM audit_won
),
ranked AS (
    SELECT
        t.manager_key,
        u.name,
        coalesce(w.won, 0) AS won,
        -- Coaching minutes per week in the team, so that a rep who joined
        -- late is not ranked as neglected.
        coalesce((SELECT sum(c.minutes) FROM coached AS c
                  WHERE c.manager_key = t.manager_key AND c.rep_key = t.rep_key), 0)
            / (greatest(date_diff('day', greatest(p.from_ts, coalesce(u.joined_at, p.from_ts)), p.to_ts), 7) / 7.0) AS minutes,
        row_number() OVER (PARTITION BY t.manager_key ORDER BY coalesce(w.won, 0), u.name) AS position,
        count(*) OVER (PARTITION BY t.manager_key) AS reps
    FROM audit_team AS t
    JOIN audit_users AS u ON u.user_key = t.rep_key
    CROSS JOIN audit_period AS p
    LEFT JOIN won AS w ON w.rep_key = t.rep_key
    -- Reps who left during the period cannot be ranked against the others.
    WHERE u.left_at IS NULL OR u.left_at >= p.to_ts
),
grouped AS (
    SELECT *,
           CASE WHEN position <= round(reps * 0.2) THEN 'bottom 20 %'
                WHEN position > reps - round(reps * 0.2) THEN 'top 20 %'
                ELSE 'middle 60 %' END AS "group"
    FROM ranked
),
per_manager AS (
    SELECT manager_key, max(reps) AS reps, sum(won) AS won,
           avg(minutes) FILTER (WHERE "group" = 'bottom 20 %') AS bottom,
           avg(minutes) FILTER (WHERE "group" = 'middle 60 %') AS middle
    FROM grouped
    GROUP BY ALL
),
evidence AS (
    SELECT manager_key,
           to_json(list({'rep': name, 'group': "group", 'won': round(won), 'coaching min/week': round(minutes, 1)}
                        ORDER BY position)) AS evidence
    FROM grouped
    GROUP BY ALL
)
SELECT
    m.manager_key,
    p.bottom / nullif(p.middle, 0) AS metric,
    CASE WHEN p.reps IS NULL THEN 'no rep still in the team at the end of the period to rank'
         WHEN p.reps < $min_group_size THEN p.reps || ' reps still in the team at the end of the period; ranking needs at least ' || $min_group_size
         WHEN p.won <= 0 THEN 'no won deals in the period to rank the reps by'
         WHEN p.bottom = 0 AND p.middle = 0 THEN 'no coaching of these reps logged' END AS missing,
    CAST(e.evidence AS VARCHAR) AS evidence,
    p.middle AS middle_coaching
FROM audit_managers AS m
-- A manager whose reps all left has no row in per_manager, and still
-- gets an answer.
LEFT JOIN per_manager AS p USING (manager_key)
LEFT JOIN evidence AS e USING (manager_key);
