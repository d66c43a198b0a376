-- V7: the remediation trigger (issue 7, item 5).

-- The router's copy of runbooks.v1: one row per runbook with its latest version. Only APPROVED rows are used; a
-- RETIRED row stays (without definition) so that an older approval read again cannot bring the runbook back.
CREATE TABLE runbook_catalog (
    runbook_id  text        PRIMARY KEY,
    version     integer     NOT NULL,
    status      text        NOT NULL CHECK (status IN ('APPROVED', 'RETIRED')),
    -- The services the runbook is for, as a JSON array, so the incident's service finds its runbooks by index.
    service_ids jsonb       NOT NULL DEFAULT '[]'::jsonb,
    definition  jsonb,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'APPROVED') = (definition IS NOT NULL))
);
CREATE INDEX runbook_catalog_services ON runbook_catalog USING gin (service_ids) WHERE status = 'APPROVED';

-- Remediation requests of each incident with their latest state. Automatic requests have a request id derived from
-- incident and runbook version, so the primary key refuses a second one. A request the executor got from elsewhere
-- (a person through its own API) appears with its first result: no version, no requester.
CREATE TABLE remediation_request (
    request_id           text        PRIMARY KEY,
    incident_id          uuid        NOT NULL REFERENCES incident (id),
    runbook_id           text        NOT NULL,
    runbook_version      integer,
    content_hash         text        NOT NULL,
    requested_by_kind    text,
    requested_by         text,
    requested_at         timestamptz NOT NULL,
    verification_seconds integer,
    state                text        NOT NULL,
    state_at             timestamptz NOT NULL,
    reason               text
);
CREATE INDEX remediation_request_by_incident ON remediation_request (incident_id, requested_at);

-- Verification windows: a successful run's incident must resolve by due_at (the database's clock, so every router
-- instance agrees), or the run counts as ineffective. A poller leases due rows with SKIP LOCKED.
CREATE TABLE remediation_verification (
    request_id   text        PRIMARY KEY,
    incident_id  uuid        NOT NULL REFERENCES incident (id),
    runbook_id   text        NOT NULL,
    content_hash text        NOT NULL,
    due_at       timestamptz NOT NULL,
    leased_until timestamptz
);
CREATE INDEX remediation_verification_due ON remediation_verification (due_at);
CREATE INDEX remediation_verification_by_incident ON remediation_verification (incident_id);
