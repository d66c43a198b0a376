-- Incidents the router opened. The skeleton groups alerts by dedup key only.
create table incident (
    id            uuid primary key,
    dedup_key     text        not null,
    status        text        not null check (status in ('OPEN', 'RESOLVED')),
    service_id    text,
    team_id       text        not null,
    severity      text        not null,
    summary       text        not null,
    opened_at     timestamptz not null,
    last_seen_at  timestamptz not null,
    resolved_at   timestamptz,
    alert_count   integer     not null check (alert_count >= 1),
    next_sequence bigint      not null check (next_sequence >= 1),
    check ((status = 'RESOLVED') = (resolved_at is not null))
);

-- The database, not only the code, guarantees at most one open incident per dedup key.
create unique index incident_one_open_per_dedup_key on incident (dedup_key) where status = 'OPEN';
create index incident_by_dedup_key on incident (dedup_key, opened_at desc);

-- Idempotent consumers: a row per processed event, written in the transaction of its effects.
create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- Transactional outbox of timeline events, relayed to incident.timeline.v1 in id order.
create table timeline_outbox (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    incident_id  uuid        not null references incident (id),
    sequence     bigint      not null,
    type         text        not null,
    occurred_at  timestamptz not null,
    actor_kind   text        not null,
    actor_id     text        not null,
    service_id   text,
    team_id      text,
    severity     text        not null,
    summary      text,
    attributes   jsonb       not null default '{}'::jsonb,
    published_at timestamptz,
    unique (incident_id, sequence)
);

create index timeline_outbox_unpublished on timeline_outbox (id) where published_at is null;
