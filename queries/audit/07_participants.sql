-- Who took part in each activity: its owner and its internal attendees,
-- each once.
CREATE OR REPLACE TEMP TABLE audit_participants AS
SELECT DISTINCT activity_key, user_key
FROM (
    SELECT activity_key, owner_key AS user_key FROM audit_activities WHERE owner_key IS NOT NULL
    UNION ALL
    SELECT aa.source || '/' || aa.activity_id, aa.source || '/' || aa.user_id
    FROM activity_attendees AS aa
    WHERE aa.user_id IS NOT NULL AND aa.source IN (SELECT source FROM audit_sources)
)
WHERE activity_key IN (SELECT activity_key FROM audit_activities);
