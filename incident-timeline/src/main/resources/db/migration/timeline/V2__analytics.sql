-- The incident projection grows what MTTA/MTTR analytics, dashboards and postmortems need, and the
-- indexes those queries use at a million incidents. Analytics always select a time range on
-- first_alert_at (the moment response times count from), so every analytics index leads with a filter
-- column and ends with first_alert_at.
ALTER TABLE incident
    ADD COLUMN first_alert_at          timestamptz,
    ADD COLUMN first_person_ack_at     timestamptz,
    ADD COLUMN first_automation_ack_at timestamptz,
    ADD COLUMN first_resolved_at       timestamptz,
    ADD COLUMN escalation_count        integer     NOT NULL DEFAULT 0,
    ADD COLUMN notification_count      integer     NOT NULL DEFAULT 0,
    ADD COLUMN remediations_requested  integer     NOT NULL DEFAULT 0,
    ADD COLUMN remediations_succeeded  integer     NOT NULL DEFAULT 0,
    ADD COLUMN remediations_failed     integer     NOT NULL DEFAULT 0,
    ADD COLUMN reopened_count          integer     NOT NULL DEFAULT 0,
    ADD COLUMN resolved_by_automation  boolean     NOT NULL DEFAULT false,
    -- When the store first saw this incident with a sequence number missing; null while it has none.
    -- A gap older than the configured hold is reported (flag, list, gauge) instead of silently skipped.
    ADD COLUMN gap_since               timestamptz,
    -- Whether the MTTA / MTTR histograms have this incident: each is recorded once, when the incident first has
    -- the moment and no gap (so an acknowledgement delivered before the opening does not measure a wrong time).
    ADD COLUMN mtta_measured           boolean     NOT NULL DEFAULT false,
    ADD COLUMN mttr_measured           boolean     NOT NULL DEFAULT false;

-- Incidents recorded before this version: the opening is the best estimate of the first alert. Their
-- other new columns stay at their defaults until their next event refolds them, or a rebuild does.
UPDATE incident SET first_alert_at = opened_at, mtta_measured = true, mttr_measured = true;
ALTER TABLE incident ALTER COLUMN first_alert_at SET NOT NULL;

-- Every unfiltered analytics query (summary, trends, automation share) scans one time range.
CREATE INDEX incident_first_alert_at_idx ON incident (first_alert_at);
-- Per-team analytics and the team filter: a range scan inside one team instead of the whole range.
CREATE INDEX incident_team_first_alert_at_idx ON incident (team_id, first_alert_at);
-- The service (+ severity) filter, and the comparable person-handled incidents of "time saved by
-- automation", which are looked up by service and severity. Severity alone has five values and is
-- not worth an index of its own: it is only ever a second filter on top of a time range.
CREATE INDEX incident_service_severity_first_alert_at_idx ON incident (service_id, severity, first_alert_at);
-- The dashboard's open incidents: a small share of a million rows, so a partial index stays small.
CREATE INDEX incident_open_idx ON incident (opened_at DESC) WHERE status <> 'RESOLVED';
-- The gap report reads only incidents with a gap: almost none, so a partial index is nearly free.
CREATE INDEX incident_gap_since_idx ON incident (gap_since) WHERE gap_since IS NOT NULL;
-- Pages per team: only NOTIFIED events are pages, a fraction of all events; the partial index with the
-- team included answers the time range without touching the other events or the table.
CREATE INDEX timeline_event_pages_idx ON timeline_event (occurred_at) INCLUDE (team_id, incident_id)
    WHERE type = 'NOTIFIED';

-- The timeline is append-only: a recorded event is never changed or removed, so a postmortem read months later
-- shows what was recorded then. Only a rebuild empties it, with TRUNCATE, which row triggers do not see.
CREATE FUNCTION timeline_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'timeline_event is append-only: % of event % refused', TG_OP, OLD.event_id;
END;
$$;
CREATE TRIGGER timeline_event_append_only BEFORE UPDATE OR DELETE ON timeline_event
    FOR EACH ROW EXECUTE FUNCTION timeline_event_append_only();
