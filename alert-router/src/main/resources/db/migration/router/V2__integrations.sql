-- Integrations: one per sending system, each with its own key. Only the SHA-256 of the key is kept, so a
-- copy of this table admits nobody; the signing secret is kept as given because verifying an HMAC needs it.
create table integration (
    id             uuid        primary key,
    name           text        not null check (length(name) between 1 and 100),
    type           text        not null check (type in ('ALERTMANAGER', 'GRAFANA', 'PAGERDUTY', 'GENERIC')),
    team_id        text,
    key_hash       char(64)    not null unique,
    signing_secret text,
    created_at     timestamptz not null,
    created_by     text        not null,
    revoked_at     timestamptz,
    revoked_by     text,
    check ((revoked_at is null) = (revoked_by is null))
);

-- A name identifies an integration in labels and routing, so two live ones may not share it.
create unique index integration_one_active_per_name on integration (name) where revoked_at is null;
