package io.ownwatch.edge.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code audit_event} table: rows are only ever inserted and read. Public for paths that answer outside the audit
 * filter (the router's lean ingest path) and record their refusals here all the same.
 */
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final JdbcClient jdbc;

    AuditTrail(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Records a finished request: a row and a log line. Never throws: the answer is already on its way, so all that
     * is left on failure is to make the loss loud.
     *
     * @param event its texts already {@link AuditEvent#clean cleaned}
     */
    public void record(AuditEvent event) {
        try {
            append(event);
            log.info("audit actor={} method={} path={} outcome={} source={}",
                    event.actor(), event.method(), event.path(), event.outcome(), event.sourceAddress());
        } catch (RuntimeException e) {
            log.error("Could not write the audit event actor={} method={} path={} outcome={}",
                    event.actor(), event.method(), event.path(), event.outcome(), e);
        }
    }

    void append(AuditEvent event) {
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, actor_roles, method, path, resource, outcome, source_address)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(event.occurredAt()), event.actor(), event.roles(), event.method(), event.path(),
                        event.resource(), event.outcome(), event.sourceAddress())
                .update();
    }

    /** Newest first. Every filter is optional. */
    List<AuditEvent> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, occurred_at, actor, actor_roles, method, path, resource, outcome, source_address
                FROM audit_event WHERE true""");
        List<Object> parameters = new ArrayList<>();
        if (query.actor() != null) {
            sql.append(" AND actor = ?");
            parameters.add(query.actor());
        }
        if (query.outcome() != null) {
            sql.append(" AND outcome = ?");
            parameters.add(query.outcome());
        }
        if (query.from() != null) {
            sql.append(" AND occurred_at >= ?");
            parameters.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND occurred_at < ?");
            parameters.add(Timestamp.from(query.to()));
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?");
        parameters.add(query.size());
        parameters.add((long) query.page() * query.size());
        return jdbc.sql(sql.toString()).params(parameters)
                .query((row, number) -> new AuditEvent(row.getLong("id"), row.getTimestamp("occurred_at").toInstant(),
                        row.getString("actor"), row.getString("actor_roles"), row.getString("method"), row.getString("path"),
                        row.getString("resource"), row.getInt("outcome"), row.getString("source_address")))
                .list();
    }

    /** The audit API's filters; {@code to} is exclusive. */
    record AuditQuery(String actor, Integer outcome, Instant from, Instant to, int page, int size) {
    }
}
