-- The notification queue: one row per message to one address. The primary key is the notification id, derived
-- from what is notified, so an escalation step that runs twice queues nothing twice, and a delivery retried after
-- a crash is recognised as the same page.
CREATE TABLE notification (
    notification_id text        PRIMARY KEY,
    incident_id     uuid,
    team_id         text        NOT NULL,
    person_id       text,
    channel         text        NOT NULL CHECK (channel IN ('WEBHOOK', 'SLACK', 'EMAIL')),
    address         text        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('PERSON_PAGE', 'TEAM_POST', 'STORM_SUMMARY')),
    level           integer     NOT NULL,
    details         jsonb       NOT NULL DEFAULT '{}',
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'CANCELLED')),
    attempts        integer     NOT NULL DEFAULT 0,
    -- Due times come from the database's clock (now()), never a node's, so router instances agree.
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    last_error      text
);

CREATE INDEX notification_due ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_incident ON notification (incident_id);
