-- V3, part 1: the timeline moves onto the shared transactional outbox of the edge module (outbox_message, stream
-- "timeline", keyed by incident id). Repeatable migrations run after versioned ones, so the outbox table is created
-- here with the edge's own definition (R__outbox_message.sql then finds it and changes nothing).
CREATE TABLE IF NOT EXISTS outbox_message (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream       text        NOT NULL,
    message_key  text        NOT NULL,
    payload      text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_message_unpublished ON outbox_message (id) WHERE published_at IS NULL;

-- Entries not yet on Kafka move over in their original order, as the JSON the TimelineOutbox writes; the per-incident
-- sequence numbers they already carry are kept (incident.next_sequence is untouched).
INSERT INTO outbox_message (stream, message_key, payload, created_at)
SELECT 'timeline',
       incident_id::text,
       json_build_object(
               'eventId', event_id,
               'incidentId', incident_id,
               'sequence', sequence,
               'type', type,
               'occurredAt', to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'actor', json_build_object('kind', actor_kind, 'id', actor_id),
               'serviceId', service_id,
               'teamId', team_id,
               'severity', severity,
               'summary', summary,
               'attributes', attributes)::text,
       now()
FROM timeline_outbox
WHERE published_at IS NULL
ORDER BY id;

DROP TABLE timeline_outbox;

-- V3, part 2: incident formation. An incident now holds several alerts (grouping), each counted (dedup); a person
-- may acknowledge it; an alert that flaps holds its incident open.
ALTER TABLE incident DROP CONSTRAINT incident_status_check;
ALTER TABLE incident ADD CONSTRAINT incident_status_check CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED'));
ALTER TABLE incident
    ADD COLUMN group_key             text,
    ADD COLUMN flapping              boolean NOT NULL DEFAULT false,
    ADD COLUMN acknowledged_at       timestamptz,
    ADD COLUMN acknowledged_by       text,
    ADD COLUMN deduplicated_noted_at timestamptz;

-- The opening dedup key is unique among unresolved incidents, acknowledged ones included.
DROP INDEX incident_one_open_per_dedup_key;
CREATE UNIQUE INDEX incident_one_open_per_dedup_key ON incident (dedup_key) WHERE status <> 'RESOLVED';
CREATE INDEX incident_open_by_group_key ON incident (group_key, last_seen_at DESC) WHERE status <> 'RESOLVED';
CREATE INDEX incident_by_opened_at ON incident (opened_at DESC);
CREATE INDEX incident_flapping ON incident (id) WHERE flapping AND status <> 'RESOLVED';

-- The alerts an incident holds. "held" is true while the incident is unresolved: the database, not only the code,
-- guarantees that one alert (dedup key) is held by at most one unresolved incident.
CREATE TABLE incident_alert (
    incident_id   uuid        NOT NULL REFERENCES incident (id),
    dedup_key     text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('FIRING', 'RESOLVED')),
    severity      text        NOT NULL,
    summary       text        NOT NULL,
    labels        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    first_seen_at timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    alert_count   integer     NOT NULL CHECK (alert_count >= 1),
    held          boolean     NOT NULL,
    PRIMARY KEY (incident_id, dedup_key)
);
CREATE UNIQUE INDEX incident_alert_held_once ON incident_alert (dedup_key) WHERE held;
CREATE INDEX incident_alert_by_dedup_key ON incident_alert (dedup_key);
CREATE INDEX incident_alert_held_by_service ON incident_alert ((labels ->> 'service')) WHERE held;

-- Incidents opened before V3 held exactly one alert, their own.
INSERT INTO incident_alert (incident_id, dedup_key, status, severity, summary, first_seen_at, last_seen_at,
                            alert_count, held)
SELECT id, dedup_key, CASE WHEN status = 'RESOLVED' THEN 'RESOLVED' ELSE 'FIRING' END, severity, summary, opened_at,
       last_seen_at, alert_count, status <> 'RESOLVED'
FROM incident;

-- Per alert, across incidents: its last status and its recent status changes, for flapping detection.
CREATE TABLE alert_state (
    dedup_key text          PRIMARY KEY,
    status    text          NOT NULL,
    changes   timestamptz[] NOT NULL DEFAULT '{}'
);

-- Silences and maintenance windows. Each has a timeline of its own (SUPPRESSED events, keyed by the silence id).
CREATE TABLE silence (
    id            uuid        PRIMARY KEY,
    matchers      jsonb       NOT NULL,
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    author        text        NOT NULL,
    reason        text,
    comment       text        NOT NULL,
    created_at    timestamptz NOT NULL,
    expired_at    timestamptz,
    next_sequence bigint      NOT NULL DEFAULT 1 CHECK (next_sequence >= 1),
    CHECK (ends_at > starts_at)
);
CREATE INDEX silence_by_end ON silence (ends_at);

-- Alerts that opened no incident because something suppressed them: kept, counted, never paged.
CREATE TABLE suppressed_alert (
    suppressed_by  text        NOT NULL,
    dedup_key      text        NOT NULL,
    reason         text        NOT NULL,
    severity       text        NOT NULL,
    summary        text        NOT NULL,
    labels         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    first_seen_at  timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    alert_count    integer     NOT NULL CHECK (alert_count >= 1),
    last_event_id  text        NOT NULL,
    PRIMARY KEY (suppressed_by, dedup_key)
);
CREATE INDEX suppressed_alert_by_dedup_key ON suppressed_alert (dedup_key);
