-- The durable timeline: one row per event, the store of record for replay and postmortems.
CREATE TABLE timeline_event (
    event_id    text        PRIMARY KEY, -- recording is idempotent on it: redeliveries are ignored
    incident_id text        NOT NULL,
    sequence    bigint      NOT NULL CHECK (sequence >= 1),
    type        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_kind  text        NOT NULL,
    actor_id    text        NOT NULL,
    service_id  text,
    team_id     text,
    severity    text        NOT NULL,
    summary     text,
    attributes  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    -- Two events may never claim the same place in an incident's order.
    CONSTRAINT timeline_event_incident_sequence_key UNIQUE (incident_id, sequence)
);

-- Each incident as folded from its timeline, rewritten in the same transaction as every new entry.
CREATE TABLE incident (
    incident_id     text        PRIMARY KEY,
    service_id      text,
    team_id         text,
    severity        text        NOT NULL,
    summary         text,
    status          text        NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    opened_at       timestamptz NOT NULL,
    acknowledged_at timestamptz,
    resolved_at     timestamptz,
    last_sequence   bigint      NOT NULL,
    event_count     bigint      NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- The list is newest first, optionally for one team or service.
CREATE INDEX incident_opened_at_idx ON incident (opened_at DESC, incident_id);
CREATE INDEX incident_team_opened_at_idx ON incident (team_id, opened_at DESC);
CREATE INDEX incident_service_opened_at_idx ON incident (service_id, opened_at DESC);
