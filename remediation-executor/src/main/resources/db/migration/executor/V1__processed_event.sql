-- The executor's idempotency ledger: a request id recorded here, in the same transaction as the
-- run's state change, is never acted on twice however often Kafka redelivers it.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
