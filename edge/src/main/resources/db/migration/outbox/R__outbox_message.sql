-- The transactional outbox every publishing service keeps in its own database: a message is written in the
-- transaction of the change it announces and relayed to Kafka afterwards, in id order. Repeatable and idempotent,
-- so it sits next to any service's own versioned migrations without taking a version number from them.
CREATE TABLE IF NOT EXISTS outbox_message (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Which OutboxStream publishes it (e.g. "ownership", "runbooks"); the stream knows topic and encoding.
    stream       text        NOT NULL,
    message_key  text        NOT NULL,
    -- The message as the stream's JSON snapshot; NULL publishes a tombstone.
    payload      text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE INDEX IF NOT EXISTS outbox_message_unpublished ON outbox_message (id) WHERE published_at IS NULL;
