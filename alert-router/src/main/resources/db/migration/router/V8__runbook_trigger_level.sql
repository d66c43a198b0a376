-- V8: runbooks triggered at an escalation level (issue 7, item 5). A runbook's triggerAtLevel says when an automatic
-- one is requested: 1 when its incident opens (what every runbook did before), N >= 2 when the escalation pages
-- level N. The catalog keeps each approved version as one JSON definition, read whole; definitions stored before
-- the level existed get it spelled out as 1, so they are read exactly as they were used.
UPDATE runbook_catalog
SET definition = definition || '{"triggerAtLevel": 1}'::jsonb
WHERE definition IS NOT NULL AND NOT definition ? 'triggerAtLevel';
