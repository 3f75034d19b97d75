-- What the audited sources hold when there is no period to audit (no
-- activity and no deal): their users and accounts, so that the error says
-- what was loaded and what is missing.
SELECT
    (SELECT count(*) FROM users WHERE source IN (SELECT source FROM audit_sources)) AS users,
    (SELECT count(*) FROM accounts WHERE source IN (SELECT source FROM audit_sources)) AS accounts;
