-- The subjects that no classification rule matched, with the most minutes
-- first: what to add keywords for. Those of the managers reported on
-- (audit_reported_managers).
SELECT subject, kind, count(*) AS activities, round(sum(minutes) / 60, 1) AS hours
FROM audit_time
WHERE category = 'unclassified'
  AND manager_key IN (SELECT manager_key FROM audit_reported_managers)
GROUP BY ALL
ORDER BY hours DESC, subject
LIMIT 15;
