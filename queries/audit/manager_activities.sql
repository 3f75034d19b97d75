-- Each manager's activities (owned or attended; by their row in
-- audit_activities), with who else took part: how many of the manager's
-- direct reports (and which), how many other colleagues, whether the work
-- faced a customer and how that is known (audit_customer_facing), whether
-- it is on an account and whether it is a mass e-mail send.
--
-- One meeting logged more than once among a manager's activities (in the
-- CRM and in calendars: meetings and events starting the same minute with
-- the same folded subject) counts once, as its record with an account if
-- it has one (of several, the first by source name and ID: the choice must
-- not depend on the query plan), with the people and customers of all its
-- copies. The grouping is per manager: a person cannot be in two meetings
-- of the same name starting the same minute, while two teams can each
-- have a "Weekly team meeting" at nine on Monday. Likewise one mass e-mail
-- send (audit_mass_emails: one task per recipient, the same folded
-- subject the same day) counts once, on no account: it went to a list,
-- not to one customer.
CREATE OR REPLACE TEMP TABLE audit_manager_activities AS
WITH copies AS MATERIALIZED (
    -- (manager, activity) pairs: owned, then attended but not owned.
    -- Grouped: a meeting by its start minute, a mass e-mail send by its
    -- day; anything else stands alone (no grouped_at).
    SELECT
        manager_key, row, source, id, kind, subject, owner_key, account_key,
        CASE WHEN is_meeting THEN 'meeting' WHEN is_mass THEN 'mass e-mail' END AS grouped_as,
        CASE WHEN is_meeting THEN date_trunc('minute', start_at)
             WHEN is_mass THEN date_trunc('day', happened_at) END AS grouped_at,
        external_present, customer_known_by
    FROM (
        SELECT
            manager_key, row, source, id, kind, subject, owner_key, account_key, start_at, happened_at,
            kind IN ('meeting', 'event') AND start_at IS NOT NULL AS is_meeting,
            row IN (SELECT row FROM audit_mass_emails) AS is_mass,
            row IN (SELECT row FROM audit_external_activities) AS external_present,
            cf.known_by AS customer_known_by
        FROM (
            SELECT owner_key AS manager_key, row, source, id, kind, subject, owner_key, account_key, start_at, happened_at
            FROM audit_activities
            WHERE owner_key IN (SELECT manager_key FROM audit_managers)
            UNION ALL
            SELECT att.person_key, a.row, a.source, a.id, a.kind, a.subject, a.owner_key, a.account_key, a.start_at, a.happened_at
            FROM audit_attendance AS att
            JOIN audit_activities AS a USING (row)
            WHERE att.person_key IN (SELECT manager_key FROM audit_managers)
              AND att.person_key IS DISTINCT FROM a.owner_key
        )
        LEFT JOIN audit_customer_facing AS cf USING (row)
    )
),
grouped_copies AS MATERIALIZED (
    -- Meetings and mass e-mails are grouped by when and folded subject.
    -- copy_order numbers the copies in the order that chooses the one
    -- standing for its group (with an account first, then by source and
    -- ID): an integer the grouping below can take the least of without
    -- keeping the strings, which DuckDB does not spill (at 40 M
    -- activities under 2 GB, a struct of them here ran out of memory).
    SELECT c.*, s.subject_folded,
           row_number() OVER (ORDER BY c.account_key IS NULL, c.source, c.id) AS copy_order
    FROM copies AS c
    JOIN audit_subjects AS s USING (subject)
    WHERE c.grouped_as IS NOT NULL
),
groups AS MATERIALIZED (
    -- One row per manager and meeting or send: the copy that stands for it.
    SELECT
        manager_key, grouped_as, grouped_at, subject_folded,
        arg_min(row, copy_order) AS rep_row,
        bool_or(external_present) AS external_present,
        -- How the first copy (in audit_customer_facing's order) that
        -- faced a customer is known to.
        arg_min(customer_known_by, CASE customer_known_by WHEN 'customer' THEN 1 WHEN 'type' THEN 2 ELSE 3 END)
            FILTER (WHERE customer_known_by IS NOT NULL) AS customer_known_by
    FROM grouped_copies
    GROUP BY ALL
),
grouped AS (
    -- Every copy with the activity that stands for it.
    SELECT manager_key, row, owner_key, row AS rep_row
    FROM copies
    WHERE grouped_as IS NULL
    UNION ALL
    SELECT c.manager_key, c.row, c.owner_key, g.rep_row
    FROM grouped_copies AS c
    JOIN groups AS g USING (manager_key, grouped_as, grouped_at, subject_folded)
),
people AS (
    -- The company's people besides the manager, in any copy.
    SELECT DISTINCT manager_key, rep_row, person_key
    FROM (
        SELECT manager_key, rep_row, owner_key AS person_key
        FROM grouped
        WHERE owner_key <> manager_key
        UNION ALL
        SELECT g.manager_key, g.rep_row, att.person_key
        FROM grouped AS g
        JOIN audit_attendance AS att USING (row)
        WHERE att.person_key <> g.manager_key
    )
),
company AS (
    SELECT
        p.manager_key, p.rep_row,
        count(*) FILTER (WHERE t.rep_key IS NOT NULL) AS reps_present,
        count(*) FILTER (WHERE t.rep_key IS NULL) AS others_internal,
        coalesce(list(p.person_key ORDER BY p.person_key) FILTER (WHERE t.rep_key IS NOT NULL), []) AS reps
    FROM people AS p
    LEFT JOIN audit_team AS t ON t.manager_key = p.manager_key AND t.rep_key = p.person_key
    GROUP BY ALL
),
representatives AS (
    SELECT manager_key, row, account_key, external_present, customer_known_by, false AS mass_email
    FROM copies
    WHERE grouped_as IS NULL
    UNION ALL
    SELECT g.manager_key, g.rep_row,
           CASE WHEN g.grouped_as = 'mass e-mail' THEN NULL ELSE c.account_key END,
           g.external_present, g.customer_known_by, g.grouped_as = 'mass e-mail'
    FROM groups AS g
    JOIN grouped_copies AS c ON c.manager_key = g.manager_key AND c.row = g.rep_row
)
SELECT
    r.manager_key,
    r.row,
    r.account_key,
    coalesce(c.reps_present, 0) AS reps_present,
    coalesce(c.others_internal, 0) AS others_internal,
    coalesce(c.reps, []) AS reps,
    r.external_present,
    coalesce(acc.is_key, false) AS is_key,
    r.account_key IS NOT NULL AS on_account,
    r.mass_email,
    -- A send to a list addressed customers, whoever else it reached.
    r.mass_email OR r.customer_known_by IS NOT NULL AS customer_facing,
    CASE WHEN r.mass_email THEN 'mass e-mail' ELSE r.customer_known_by END AS customer_known_by
FROM representatives AS r
LEFT JOIN company AS c ON c.manager_key = r.manager_key AND c.rep_row = r.row
LEFT JOIN audit_accounts AS acc ON acc.account_key = r.account_key;
