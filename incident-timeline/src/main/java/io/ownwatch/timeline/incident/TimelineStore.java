package io.ownwatch.timeline.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ownwatch.timeline.ItemPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable timeline ({@code timeline_event}) and the incident summaries folded from it
 * ({@code incident}), always changed together in one transaction.
 */
@Repository
public class TimelineStore {

    /** What recording an entry did. */
    public enum Outcome {
        /** The entry is new and is now on the timeline. */
        RECORDED,
        /** The entry was recorded before (a redelivery); nothing changed. */
        DUPLICATE
    }

    private static final Logger log = LoggerFactory.getLogger(TimelineStore.class);
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TimelineStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records an entry and refreshes its incident's summary, idempotently on the event id.
     *
     * @throws SequenceConflict if another event already holds this entry's sequence in its incident
     */
    @Transactional
    public Outcome record(TimelineEntry entry) {
        // Serialises writers of one incident, so that the fold below sees every committed entry.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:incidentId, 0))")
                .param("incidentId", entry.incidentId())
                .query()
                .singleRow();
        int inserted = jdbc.sql("""
                        INSERT INTO timeline_event (event_id, incident_id, sequence, type, occurred_at, actor_kind, actor_id,
                                                    service_id, team_id, severity, summary, attributes, recorded_at)
                        VALUES (:eventId, :incidentId, :sequence, :type, :occurredAt, :actorKind, :actorId,
                                :serviceId, :teamId, :severity, :summary, CAST(:attributes AS jsonb), now())
                        ON CONFLICT DO NOTHING""")
                .param("eventId", entry.eventId())
                .param("incidentId", entry.incidentId())
                .param("sequence", entry.sequence())
                .param("type", entry.type().name())
                .param("occurredAt", Timestamp.from(entry.occurredAt()))
                .param("actorKind", entry.actor().kind())
                .param("actorId", entry.actor().id())
                .param("serviceId", entry.serviceId())
                .param("teamId", entry.teamId())
                .param("severity", entry.severity().name())
                .param("summary", entry.summary())
                .param("attributes", json.writeValueAsString(entry.attributes()))
                .update();
        if (inserted == 0) {
            // Either this very event was recorded before, or another event holds its sequence.
            boolean seen = jdbc.sql("SELECT 1 FROM timeline_event WHERE event_id = :eventId")
                    .param("eventId", entry.eventId())
                    .query(Integer.class)
                    .optional()
                    .isPresent();
            if (seen) {
                log.debug("Ignoring redelivered timeline event {} of incident {}", entry.eventId(), entry.incidentId());
                return Outcome.DUPLICATE;
            }
            String holder = jdbc.sql("SELECT event_id FROM timeline_event WHERE incident_id = :incidentId AND sequence = :sequence")
                    .param("incidentId", entry.incidentId())
                    .param("sequence", entry.sequence())
                    .query(String.class)
                    .single();
            throw new SequenceConflict(entry, holder);
        }
        Incident incident = IncidentProjection.fold(timelineOf(entry.incidentId()));
        jdbc.sql("""
                        INSERT INTO incident (incident_id, service_id, team_id, severity, summary, status, opened_at,
                                              acknowledged_at, resolved_at, last_sequence, event_count, updated_at)
                        VALUES (:incidentId, :serviceId, :teamId, :severity, :summary, :status, :openedAt,
                                :acknowledgedAt, :resolvedAt, :lastSequence, :eventCount, now())
                        ON CONFLICT (incident_id) DO UPDATE SET
                            service_id = EXCLUDED.service_id, team_id = EXCLUDED.team_id, severity = EXCLUDED.severity,
                            summary = EXCLUDED.summary, status = EXCLUDED.status, opened_at = EXCLUDED.opened_at,
                            acknowledged_at = EXCLUDED.acknowledged_at, resolved_at = EXCLUDED.resolved_at,
                            last_sequence = EXCLUDED.last_sequence, event_count = EXCLUDED.event_count,
                            updated_at = EXCLUDED.updated_at""")
                .param("incidentId", incident.incidentId())
                .param("serviceId", incident.serviceId())
                .param("teamId", incident.teamId())
                .param("severity", incident.severity().name())
                .param("summary", incident.summary())
                .param("status", incident.status().name())
                .param("openedAt", timestamp(incident.openedAt()))
                .param("acknowledgedAt", timestamp(incident.acknowledgedAt()))
                .param("resolvedAt", timestamp(incident.resolvedAt()))
                .param("lastSequence", incident.lastSequence())
                .param("eventCount", incident.eventCount())
                .update();
        return Outcome.RECORDED;
    }

    /** Incidents matching the query, newest opened first. */
    @Transactional(readOnly = true)
    public ItemPage<Incident> incidents(IncidentQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new java.util.HashMap<>();
        if (query.status() != null) {
            conditions.add("status = :status");
            params.put("status", query.status().name());
        }
        if (query.teamId() != null) {
            conditions.add("team_id = :teamId");
            params.put("teamId", query.teamId());
        }
        if (query.serviceId() != null) {
            conditions.add("service_id = :serviceId");
            params.put("serviceId", query.serviceId());
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        List<Incident> items = jdbc.sql("SELECT * FROM incident" + where
                        + " ORDER BY opened_at DESC, incident_id LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", query.size())
                .param("offset", (long) query.page() * query.size())
                .query(TimelineStore::incident)
                .list();
        long total = jdbc.sql("SELECT count(*) FROM incident" + where).params(params).query(Long.class).single();
        return new ItemPage<>(items, query.page(), query.size(), total);
    }

    @Transactional(readOnly = true)
    public Optional<Incident> incident(String incidentId) {
        return jdbc.sql("SELECT * FROM incident WHERE incident_id = :incidentId")
                .param("incidentId", incidentId)
                .query(TimelineStore::incident)
                .optional();
    }

    /** The entries of an incident in sequence order; empty if the incident is unknown. */
    @Transactional(readOnly = true)
    public List<TimelineEntry> timelineOf(String incidentId) {
        return jdbc.sql("SELECT * FROM timeline_event WHERE incident_id = :incidentId ORDER BY sequence")
                .param("incidentId", incidentId)
                .query(this::entry)
                .list();
    }

    private TimelineEntry entry(ResultSet rs, int n) throws SQLException {
        return new TimelineEntry(rs.getString("event_id"), rs.getString("incident_id"), rs.getLong("sequence"),
                EntryType.fromName(rs.getString("type")), instant(rs, "occurred_at"),
                new Actor(rs.getString("actor_kind"), rs.getString("actor_id")), rs.getString("service_id"),
                rs.getString("team_id"), Severity.fromName(rs.getString("severity")), rs.getString("summary"),
                json.readValue(rs.getString("attributes"), STRING_MAP));
    }

    private static Incident incident(ResultSet rs, int n) throws SQLException {
        return new Incident(rs.getString("incident_id"), rs.getString("service_id"), rs.getString("team_id"),
                Severity.fromName(rs.getString("severity")), rs.getString("summary"),
                IncidentStatus.valueOf(rs.getString("status")), instant(rs, "opened_at"),
                instant(rs, "acknowledged_at"), instant(rs, "resolved_at"), rs.getLong("last_sequence"),
                rs.getLong("event_count"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
