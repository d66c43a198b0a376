-- The executor's own copy of the approved runbook catalog (runbooks.v1, compacted): the latest approved version of
-- each runbook; a retirement removes the row. The version itself is kept whole as JSON, because the executor only
-- ever reads it whole and the contract (RunbookVersion) is what gives it its shape.
CREATE TABLE catalog_runbook (
    runbook_id   TEXT        PRIMARY KEY,
    version      INT         NOT NULL,
    content_hash TEXT        NOT NULL,
    definition   JSONB       NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Which team owns each service (ownership.v1, compacted), for "responders of the owning team".
CREATE TABLE catalog_service_owner (
    service_id TEXT        PRIMARY KEY,
    team_id    TEXT        NOT NULL,
    revision   BIGINT      NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Operations' allowlist: a run is refused unless one rule allows its runbook for its service, cluster, namespace
-- and severity. '*' matches anything; an empty severity list matches every severity.
CREATE TABLE ops_rule (
    id          UUID        PRIMARY KEY,
    runbook_id  TEXT        NOT NULL,
    service_id  TEXT        NOT NULL,
    cluster     TEXT        NOT NULL DEFAULT '*',
    namespace   TEXT        NOT NULL DEFAULT '*',
    severities  TEXT[]      NOT NULL DEFAULT '{}',
    reason      TEXT        NOT NULL,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Kill switches ('global' or 'service:<id>'): while one is set, nothing it covers runs.
CREATE TABLE kill_switch (
    scope   TEXT        PRIMARY KEY,
    reason  TEXT        NOT NULL,
    set_by  TEXT        NOT NULL,
    set_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Global shadow mode set by operations through the API (the configured default applies while no row exists).
CREATE TABLE shadow_mode (
    id      BOOLEAN     PRIMARY KEY DEFAULT true CHECK (id),
    enabled BOOLEAN     NOT NULL,
    reason  TEXT        NOT NULL,
    set_by  TEXT        NOT NULL,
    set_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One run per request. Its state is written before anything acts, so a crash leaves a trace (RUNNING, turned
-- UNKNOWN by the next sweep) instead of a silent second run.
CREATE TABLE remediation_run (
    id                UUID        PRIMARY KEY,
    request_id        TEXT        NOT NULL UNIQUE,
    incident_id       TEXT,
    runbook_id        TEXT        NOT NULL,
    runbook_version   INT,
    content_hash      TEXT,
    service_id        TEXT        NOT NULL,
    severity          TEXT        NOT NULL,
    cluster           TEXT,
    namespace         TEXT,
    parameters        JSONB       NOT NULL,
    requester_kind    TEXT        NOT NULL,
    requester_id      TEXT        NOT NULL,
    requester_roles   TEXT[]      NOT NULL DEFAULT '{}',
    request_reason    TEXT,
    state             TEXT        NOT NULL,
    state_reason      TEXT,
    refused_field     TEXT,
    shadow            BOOLEAN     NOT NULL DEFAULT false,
    decided_by        TEXT,
    requested_at      TIMESTAMPTZ NOT NULL,
    state_changed_at  TIMESTAMPTZ NOT NULL,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    runner            TEXT,
    heartbeat_at      TIMESTAMPTZ,
    plan              JSONB       NOT NULL DEFAULT '[]'
);

CREATE INDEX remediation_run_open ON remediation_run (state, requested_at)
    WHERE state IN ('REQUESTED', 'APPROVED', 'AWAITING_APPROVAL', 'RUNNING');
CREATE INDEX remediation_run_runbook_started ON remediation_run (runbook_id, started_at) WHERE started_at IS NOT NULL;
CREATE INDEX remediation_run_service_started ON remediation_run (service_id, started_at) WHERE started_at IS NOT NULL;

-- What each step of a run did, in order.
CREATE TABLE run_step (
    run_id      UUID        NOT NULL REFERENCES remediation_run (id),
    position    INT         NOT NULL,
    name        TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    detail      TEXT,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    PRIMARY KEY (run_id, position)
);
