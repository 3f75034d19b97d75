-- The org file template `salesaudit org init` writes: every person of the
-- audited sources with their manager, title and dates as the audit sees
-- them (the CRM's, merged across sources), for HR to correct.
SELECT
    u.name AS person,
    coalesce(u.email, '') AS email,
    u.id,
    coalesce(m.name, '') AS manager,
    coalesce(u.title, '') AS title,
    u.joined_at,
    u.left_at
FROM audit_users AS u
LEFT JOIN audit_users AS m ON m.user_key = u.manager_key
ORDER BY coalesce(m.name, ''), u.name, u.user_key;
