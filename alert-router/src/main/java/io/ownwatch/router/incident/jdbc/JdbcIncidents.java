package io.ownwatch.router.incident.jdbc;

import io.ownwatch.router.alert.Severity;
import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.incident.IncidentStatus;
import io.ownwatch.router.incident.Incidents;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcIncidents implements Incidents {

    private final JdbcClient jdbc;

    JdbcIncidents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Incident> findOpen(String dedupKey) {
        return jdbc.sql("select * from incident where dedup_key = :dedupKey and status = 'OPEN'")
                .param("dedupKey", dedupKey)
                .query(JdbcIncidents::incident)
                .optional();
    }

    @Override
    public Optional<Incident> findOpenForUpdate(String dedupKey) {
        return jdbc.sql("select * from incident where dedup_key = :dedupKey and status = 'OPEN' for update")
                .param("dedupKey", dedupKey)
                .query(JdbcIncidents::incident)
                .optional();
    }

    @Override
    public Optional<Incident> findById(UUID id) {
        return jdbc.sql("select * from incident where id = :id")
                .param("id", id)
                .query(JdbcIncidents::incident)
                .optional();
    }

    @Override
    public List<Incident> findByDedupKey(String dedupKey) {
        return jdbc.sql("select * from incident where dedup_key = :dedupKey order by opened_at desc")
                .param("dedupKey", dedupKey)
                .query(JdbcIncidents::incident)
                .list();
    }

    @Override
    public void insert(Incident incident) {
        jdbc.sql("""
                insert into incident (id, dedup_key, status, service_id, team_id, severity, summary,
                                      opened_at, last_seen_at, resolved_at, alert_count, next_sequence)
                values (:id, :dedupKey, :status, :serviceId, :teamId, :severity, :summary,
                        :openedAt, :lastSeenAt, :resolvedAt, :alertCount, :nextSequence)
                """)
                .param("id", incident.id())
                .param("dedupKey", incident.dedupKey())
                .param("status", incident.status().name())
                .param("serviceId", incident.serviceId())
                .param("teamId", incident.teamId())
                .param("severity", incident.severity().name())
                .param("summary", incident.summary())
                .param("openedAt", timestamp(incident.openedAt()))
                .param("lastSeenAt", timestamp(incident.lastSeenAt()))
                .param("resolvedAt", timestamp(incident.resolvedAt()))
                .param("alertCount", incident.alertCount())
                .param("nextSequence", incident.nextSequence())
                .update();
    }

    @Override
    public void update(Incident incident) {
        int updated = jdbc.sql("""
                update incident set status = :status, last_seen_at = :lastSeenAt, resolved_at = :resolvedAt,
                                    alert_count = :alertCount, next_sequence = :nextSequence
                where id = :id
                """)
                .param("id", incident.id())
                .param("status", incident.status().name())
                .param("lastSeenAt", timestamp(incident.lastSeenAt()))
                .param("resolvedAt", timestamp(incident.resolvedAt()))
                .param("alertCount", incident.alertCount())
                .param("nextSequence", incident.nextSequence())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Incident " + incident.id() + " does not exist");
        }
    }

    @Override
    public boolean isProcessed(String consumer, String eventId) {
        return jdbc.sql("select exists (select 1 from processed_event where consumer = :consumer and event_id = :eventId)")
                .param("consumer", consumer)
                .param("eventId", eventId)
                .query(Boolean.class)
                .single();
    }

    @Override
    public boolean markProcessed(String consumer, String eventId) {
        return jdbc.sql("""
                insert into processed_event (consumer, event_id) values (:consumer, :eventId)
                on conflict do nothing
                """)
                .param("consumer", consumer)
                .param("eventId", eventId)
                .update() == 1;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Incident incident(ResultSet rs, int row) throws SQLException {
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        return new Incident(
                rs.getObject("id", UUID.class),
                rs.getString("dedup_key"),
                IncidentStatus.valueOf(rs.getString("status")),
                rs.getString("service_id"),
                rs.getString("team_id"),
                Severity.valueOf(rs.getString("severity")),
                rs.getString("summary"),
                rs.getTimestamp("opened_at").toInstant(),
                rs.getTimestamp("last_seen_at").toInstant(),
                resolvedAt == null ? null : resolvedAt.toInstant(),
                rs.getInt("alert_count"),
                rs.getLong("next_sequence"));
    }
}
