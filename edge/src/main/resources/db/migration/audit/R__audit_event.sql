-- The audit trail every service keeps in its own database. Repeatable and idempotent, so it sits next to any
-- service's own versioned migrations without taking a version number from them.
CREATE TABLE IF NOT EXISTS audit_event (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    actor          text        NOT NULL,
    actor_roles    text        NOT NULL DEFAULT '',
    method         text        NOT NULL,
    path           text        NOT NULL,
    resource       text        NOT NULL,
    outcome        integer     NOT NULL,
    source_address text
);

CREATE INDEX IF NOT EXISTS audit_event_occurred_at ON audit_event (occurred_at);
CREATE INDEX IF NOT EXISTS audit_event_actor ON audit_event (actor, occurred_at);

-- Append-only for every role, the owner included: a trigger refuses what privileges alone cannot (owners and
-- superusers ignore REVOKE).
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER IF EXISTS audit_event_no_update_or_delete ON audit_event;
CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event;
CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
