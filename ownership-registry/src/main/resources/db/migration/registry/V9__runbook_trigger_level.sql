-- Runbook content gains triggerAtLevel: 1 requests an automatic runbook when the incident opens (what every runbook
-- did before), N >= 2 when the incident's escalation pages level N. Content is one jsonb document, so versions
-- written before get the field spelled out rather than a column; their content hash does not change, because the
-- canonical form leaves triggerAtLevel out while it is 1.
UPDATE runbook_version
SET content = content || '{"triggerAtLevel": 1}'::jsonb
WHERE NOT content ? 'triggerAtLevel';
