-- Ownership changes now go through the transactional outbox shared by every service (the edge module's
-- outbox_message, kept by its repeatable migration R__outbox_message.sql). Versioned migrations run before
-- repeatable ones, so the table is created here first, with the same idempotent DDL; then the changes not yet
-- published move over, in their order and in the stream's JSON form, and the old table goes.
CREATE TABLE IF NOT EXISTS outbox_message (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream       text        NOT NULL,
    message_key  text        NOT NULL,
    payload      text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE INDEX IF NOT EXISTS outbox_message_unpublished ON outbox_message (id) WHERE published_at IS NULL;

INSERT INTO outbox_message (stream, message_key, payload, created_at)
SELECT 'ownership',
       service_id,
       CASE WHEN payload IS NULL THEN NULL
            ELSE jsonb_build_object(
                    'serviceId', service_id,
                    'revision', revision,
                    'service', payload,
                    'teamName', team_name,
                    'changedAt', to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text
       END,
       created_at
FROM ownership_outbox
WHERE published_at IS NULL
ORDER BY id;

DROP TABLE ownership_outbox;
