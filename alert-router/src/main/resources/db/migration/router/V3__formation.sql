-- V3, part 1: the timeline moves onto the shared transactional outbox of the edge module (outbox_message, stream
-- "timeline", keyed by incident id). Repeatable migrations run after versioned ones, so the outbox table is created
-- here with the edge's own definition (R__outbox_message.sql then finds it and changes nothing).
CREATE TABLE IF NOT EXISTS outbox_message (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream       text        NOT NULL,
    message_key  text        NOT NULL,
    payload      text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_message_unpublished ON outbox_message (id) WHERE published_at IS NULL;

-- Entries not yet on Kafka move over in their original order, as the JSON the TimelineOutbox writes; the per-incident
-- sequence numbers they already carry are kept (incident.next_sequence is untouched).
INSERT INTO outbox_message (stream, message_key, payload, created_at)
SELECT 'timeline',
       incident_id::text,
       json_build_object(
               'eventId', event_id,
               'incidentId', incident_id,
               'sequence', sequence,
               'type', type,
               'occurredAt', to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'actor', json_build_object('kind', actor_kind, 'id', actor_id),
               'serviceId', service_id,
               'teamId', team_id,
               'severity', severity,
               'summary', summary,
               'attributes', attributes)::text,
       now()
FROM timeline_outbox
WHERE published_at IS NULL
ORDER BY id;

DROP TABLE timeline_outbox;
