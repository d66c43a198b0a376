-- Teams own services; a service is found from an alert's labels through its matchers.

CREATE TABLE team (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE service (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    team_id    text        NOT NULL REFERENCES team (id),
    tier       text,
    -- Optimistic-lock version; published as ServiceOwnership.revision so consumers can ignore stale updates.
    version    bigint      NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX service_team_id_idx ON service (team_id);

-- A child table rather than jsonb: matchers are queried, counted and validated one by one.
CREATE TABLE label_matcher (
    service_id text    NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    label      text    NOT NULL,
    op         text    NOT NULL CHECK (op IN ('EQUALS', 'NOT_EQUALS', 'REGEX', 'NOT_REGEX')),
    value      text    NOT NULL,
    PRIMARY KEY (service_id, position)
);
