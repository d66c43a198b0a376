-- V5: escalation. One row per incident: the policy snapshot taken at its first step (later edits of the policy do not
-- change it), where the chain stands, and the next deadline. Deadlines are database time (now()), so every router
-- instance agrees; a claim (claimed_until) keeps one instance's step to itself while it asks the registry.
CREATE TABLE escalation (
    incident_id    uuid        PRIMARY KEY REFERENCES incident (id),
    team_id        text        NOT NULL,
    service_id     text,
    snapshot       jsonb,
    status         text        NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'STOPPED', 'EXHAUSTED')),
    generation     integer     NOT NULL DEFAULT 1 CHECK (generation >= 1),
    round          integer     NOT NULL DEFAULT 1 CHECK (round >= 1),
    level          integer     NOT NULL DEFAULT 0 CHECK (level >= 0),
    due_at         timestamptz,
    reason         text,
    attempts       integer     NOT NULL DEFAULT 0,
    failure_noted  text,
    claimed_until  timestamptz,
    version        bigint      NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((status IN ('PENDING', 'RUNNING')) = (due_at IS NOT NULL))
);
CREATE INDEX escalation_due ON escalation (due_at) WHERE status IN ('PENDING', 'RUNNING');

-- Per-person contact rules: which channel, how many minutes after the step that pages them. None stored: the default.
CREATE TABLE notification_rule (
    person_id     text    NOT NULL,
    position      integer NOT NULL,
    channel       text    NOT NULL CHECK (channel IN ('EMAIL', 'SLACK')),
    after_minutes integer NOT NULL CHECK (after_minutes BETWEEN 0 AND 1440),
    PRIMARY KEY (person_id, position),
    UNIQUE (person_id, channel, after_minutes)
);

-- The storm guard: personal pages per team and minute (database time), and per person the incidents held back
-- beyond the cap, summarised in one message per person and minute.
CREATE TABLE storm_minute (
    team_id text        NOT NULL,
    minute  timestamptz NOT NULL,
    pages   integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, minute)
);
CREATE TABLE storm_held_back (
    team_id     text        NOT NULL,
    person_id   text        NOT NULL,
    minute      timestamptz NOT NULL,
    incident_id uuid        NOT NULL,
    PRIMARY KEY (team_id, person_id, minute, incident_id)
);
