-- Who took part in each activity, as people: its owner and its internal
-- attendees, by user ID or, for attendees known only by e-mail (calendar
-- invitations), by the e-mail of a known user; each person once. An
-- attendee who declined did not take part.
CREATE OR REPLACE TEMP TABLE audit_participants AS
WITH by_mail AS (
    SELECT DISTINCT ON (email_key) email_key, person_key FROM audit_user_aliases WHERE email_key IS NOT NULL
)
SELECT DISTINCT activity_key, user_key
FROM (
    SELECT activity_key, owner_key AS user_key FROM audit_activities WHERE owner_key IS NOT NULL
    UNION ALL
    SELECT aa.source || '/' || aa.activity_id, coalesce(al.person_key, m.person_key)
    FROM activity_attendees AS aa
    LEFT JOIN audit_user_aliases AS al ON al.user_key = aa.source || '/' || aa.user_id
    LEFT JOIN by_mail AS m ON m.email_key = lower(trim(aa.email))
    WHERE aa.source IN (SELECT source FROM audit_sources)
      AND (al.person_key IS NOT NULL OR m.person_key IS NOT NULL)
      AND lower(coalesce(aa.response, '')) NOT LIKE 'declin%' 
)
WHERE activity_key IN (SELECT activity_key FROM audit_activities);
