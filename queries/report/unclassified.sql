-- The subjects that no classification rule matched, with the most minutes
-- first: what to add keywords for.
SELECT subject, kind, count(*) AS activities, round(sum(minutes) / 60, 1) AS hours
FROM audit_time
WHERE category = 'unclassified'
GROUP BY ALL
ORDER BY hours DESC, subject
LIMIT 15;
