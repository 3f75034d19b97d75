-- Where a user's manager comes from (the CRM's manager field, its role
-- hierarchy, a team sheet), the users one of whom is the manager when the
-- export cannot tell (several hold the parent role: a JSON array of IDs,
-- the host picks one), and the private events, whose subject and attendees
-- the connector never sends.
ALTER TABLE users ADD COLUMN manager_from VARCHAR;
ALTER TABLE users ADD COLUMN manager_candidates VARCHAR;
ALTER TABLE activities ADD COLUMN private BOOLEAN DEFAULT false;
