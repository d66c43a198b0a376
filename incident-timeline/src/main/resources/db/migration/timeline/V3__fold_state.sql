-- The running values of each incident's fold (IncidentProjection.Fold) that its other columns do not tell, so that
-- entries that directly follow an incident without a gap carry its fold on instead of rereading its whole timeline.
-- Null fold_earliest_at means "not kept": incidents folded before this version are refolded in full on their next
-- entry, which fills them in.
ALTER TABLE incident
    ADD COLUMN fold_earliest_at     timestamptz, -- the earliest occurred_at of any entry
    ADD COLUMN fold_opening_at      timestamptz, -- the first INCIDENT_OPENED by sequence, null if none yet
    ADD COLUMN fold_opening_summary text,        -- its summary
    ADD COLUMN fold_first_summary   text,        -- the first summary of any entry by sequence
    ADD COLUMN fold_first_alert_at  timestamptz; -- the earliest INCIDENT_OPENED or ALERT_RECEIVED, null if none yet
