-- Complete service ownership: secondary teams, an escalation policy, Kubernetes selectors, and the
-- transactional outbox that publishes every change to the compacted ownership.v1 topic.

-- A free string until escalation policies exist in this database; a foreign key can follow then.
ALTER TABLE service ADD COLUMN escalation_policy_id text;

CREATE TABLE service_secondary_team (
    service_id text    NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    team_id    text    NOT NULL REFERENCES team (id),
    position   integer NOT NULL,
    PRIMARY KEY (service_id, team_id)
);

CREATE INDEX service_secondary_team_team_id_idx ON service_secondary_team (team_id);

-- Globs with '*' as the only wildcard; '*' when the service does not constrain that coordinate.
CREATE TABLE kubernetes_selector (
    service_id text    NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    cluster    text    NOT NULL DEFAULT '*',
    namespace  text    NOT NULL DEFAULT '*',
    workload   text    NOT NULL DEFAULT '*',
    PRIMARY KEY (service_id, position)
);

-- One row per change, written in the transaction of the change and relayed to ownership.v1 in id
-- order. The payload is the service as it was after the change (a snapshot, so each change is
-- published exactly as it was made); NULL means the service was deleted and publishes a tombstone.
-- No foreign key to service: a deletion's row must outlive the service.
CREATE TABLE ownership_outbox (
    id           bigserial   PRIMARY KEY,
    service_id   text        NOT NULL,
    revision     bigint      NOT NULL,
    payload      jsonb,
    team_name    text,
    changed_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE INDEX ownership_outbox_unpublished ON ownership_outbox (id) WHERE published_at IS NULL;
