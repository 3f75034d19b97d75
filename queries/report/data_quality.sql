-- What the audit could not see well: unclassified and estimated minutes,
-- capped durations, activities with no owner, no known owner or no
-- account, the rows the ingest rejected, and how the text of the audited
-- sources' current loads was decoded (lines read as UTF-8 in files
-- otherwise in a single-byte encoding, bytes kept as C1 controls).
-- With --manager, the activities, minutes and attendees counted are those
-- of the manager's team (audit_reported_managers: the manager and their
-- reps own them); rejects and decoding are the export's, which no team
-- owns. all_activities counts the whole period either way.
WITH scope AS (
    SELECT DISTINCT tm.user_key
    FROM audit_team_members AS tm
    WHERE tm.manager_key IN (SELECT manager_key FROM audit_reported_managers)
),
by_owner AS (
    -- Counted per owner first, a few thousand groups, then the owners
    -- looked up: cheaper than looking up the owner of every activity.
    SELECT
        a.source,
        a.owner_id,
        count(*) AS activities,
        count(*) FILTER (WHERE a.account_id IS NULL) AS without_account,
        count(*) FILTER (WHERE a.duration_seconds / 60.0 > getvariable('audit_max_minutes')) AS capped
    FROM audit_period_activities AS a
    GROUP BY ALL
),
owned AS (
    SELECT o.*, al.id AS known_owner,
           $manager = '' OR al.person_key IN (SELECT user_key FROM scope) AS in_scope
    FROM by_owner AS o
    LEFT JOIN audit_user_aliases AS al ON al.source = o.source AND al.id = o.owner_id
),
act AS (
    SELECT
        CAST(coalesce(sum(activities), 0) AS BIGINT) AS all_activities,
        CAST(coalesce(sum(activities) FILTER (WHERE in_scope), 0) AS BIGINT) AS activities,
        CAST(coalesce(sum(activities) FILTER (WHERE in_scope AND owner_id IS NULL), 0) AS BIGINT) AS without_owner,
        CAST(coalesce(sum(activities) FILTER (WHERE in_scope AND owner_id IS NOT NULL AND known_owner IS NULL), 0) AS BIGINT) AS unknown_owner,
        CAST(coalesce(sum(without_account) FILTER (WHERE in_scope), 0) AS BIGINT) AS without_account,
        CAST(coalesce(sum(capped) FILTER (WHERE in_scope), 0) AS BIGINT) AS capped
    FROM owned
),
mgr AS (
    SELECT
        coalesce(sum(minutes), 0) AS minutes,
        coalesce(sum(minutes) FILTER (WHERE category = 'unclassified'), 0) AS unclassified_minutes,
        coalesce(sum(minutes) FILTER (WHERE estimated), 0) AS estimated_minutes
    FROM audit_time
    WHERE manager_key IN (SELECT manager_key FROM audit_reported_managers)
),
rej AS (
    SELECT count(*) AS rejects FROM rejects WHERE source IN (SELECT source FROM audit_sources)
),
att AS (
    SELECT count(*) AS unknown_attendees
    FROM activity_attendees AS aa
    WHERE aa.user_id IS NOT NULL AND aa.source IN (SELECT source FROM audit_sources)
      AND NOT EXISTS (SELECT 1 FROM audit_user_aliases AS al WHERE al.source = aa.source AND al.id = aa.user_id)
      AND ($manager = '' OR EXISTS (
          SELECT 1 FROM activities AS a
          JOIN audit_user_aliases AS al ON al.source = a.source AND al.id = a.owner_id
          WHERE a.source = aa.source AND a.id = aa.activity_id AND al.person_key IN (SELECT user_key FROM scope)))
),
dec AS (
    SELECT
        CAST(coalesce(sum(f.utf8_lines) FILTER (WHERE f.single_byte_lines > 0), 0) AS BIGINT) AS mixed_utf8_lines,
        CAST(coalesce(sum(f.c1_bytes_kept), 0) AS BIGINT) AS c1_bytes_kept
    FROM ingest_files AS f
    WHERE f.run_id IN (SELECT max(id) FROM ingest_runs WHERE source IN (SELECT source FROM audit_sources) GROUP BY source)
)
SELECT * FROM act, mgr, rej, att, dec;
