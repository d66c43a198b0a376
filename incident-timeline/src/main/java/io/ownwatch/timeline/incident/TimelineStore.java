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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
    private final ResponseTimeMetrics metrics;

    TimelineStore(JdbcClient jdbc, JsonMapper json, ResponseTimeMetrics metrics) {
        this.jdbc = jdbc;
        this.json = json;
        this.metrics = metrics;
    }

    /** How an entry reaches the store: live from the topic, or replayed from its beginning by a rebuild. */
    public enum Delivery {
        LIVE,
        /** Replayed: the incident's response times were measured when it happened, so no metric is recorded again. */
        REPLAY
    }

    /**
     * Records an entry as it arrives live; see {@link #record(TimelineEntry, Delivery)}.
     *
     * @throws SequenceConflict if another event already holds this entry's sequence in its incident
     */
    @Transactional
    public Outcome record(TimelineEntry entry) {
        return record(entry, Delivery.LIVE);
    }

    /**
     * Records an entry and refreshes its incident's summary, idempotently on the event id. The timeline is
     * append-only: an entry is never changed or removed once recorded (only a rebuild starts it afresh).
     *
     * @throws SequenceConflict if another event already holds this entry's sequence in its incident
     */
    @Transactional
    public Outcome record(TimelineEntry entry, Delivery delivery) {
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
        List<TimelineEntry> entries = timelineOf(entry.incidentId());
        if (IncidentProjection.isSilenceLog(entries)) {
            // Alerts a silence held back: kept on the record, but no incident, so never in lists or analytics.
            return Outcome.RECORDED;
        }
        Measured before = jdbc.sql("SELECT mtta_measured, mttr_measured FROM incident WHERE incident_id = :incidentId")
                .param("incidentId", entry.incidentId())
                .query((rs, n) -> new Measured(rs.getBoolean("mtta_measured"), rs.getBoolean("mttr_measured")))
                .optional()
                .orElse(new Measured(false, false));
        Incident incident = IncidentProjection.fold(entries);
        // Measured once the moment is known and nothing before it can still be missing.
        boolean measureAck = !before.ack() && !incident.hasGap() && incident.response().firstPersonAckAt() != null;
        boolean measureResolve = !before.resolve() && !incident.hasGap() && incident.response().firstResolvedAt() != null;
        jdbc.sql("""
                        INSERT INTO incident (incident_id, service_id, team_id, severity, summary, status, opened_at,
                                              acknowledged_at, resolved_at, last_sequence, event_count, updated_at,
                                              first_alert_at, first_person_ack_at, first_automation_ack_at, first_resolved_at,
                                              escalation_count, notification_count, remediations_requested,
                                              remediations_succeeded, remediations_failed, reopened_count,
                                              resolved_by_automation, gap_since, mtta_measured, mttr_measured)
                        VALUES (:incidentId, :serviceId, :teamId, :severity, :summary, :status, :openedAt,
                                :acknowledgedAt, :resolvedAt, :lastSequence, :eventCount, now(),
                                :firstAlertAt, :firstPersonAckAt, :firstAutomationAckAt, :firstResolvedAt,
                                :escalations, :notifications, :remediationsRequested,
                                :remediationsSucceeded, :remediationsFailed, :reopened,
                                :resolvedByAutomation, CASE WHEN :hasGap THEN now() END, :mttaMeasured, :mttrMeasured)
                        ON CONFLICT (incident_id) DO UPDATE SET
                            service_id = EXCLUDED.service_id, team_id = EXCLUDED.team_id, severity = EXCLUDED.severity,
                            summary = EXCLUDED.summary, status = EXCLUDED.status, opened_at = EXCLUDED.opened_at,
                            acknowledged_at = EXCLUDED.acknowledged_at, resolved_at = EXCLUDED.resolved_at,
                            last_sequence = EXCLUDED.last_sequence, event_count = EXCLUDED.event_count,
                            updated_at = EXCLUDED.updated_at, first_alert_at = EXCLUDED.first_alert_at,
                            first_person_ack_at = EXCLUDED.first_person_ack_at,
                            first_automation_ack_at = EXCLUDED.first_automation_ack_at,
                            first_resolved_at = EXCLUDED.first_resolved_at, escalation_count = EXCLUDED.escalation_count,
                            notification_count = EXCLUDED.notification_count,
                            remediations_requested = EXCLUDED.remediations_requested,
                            remediations_succeeded = EXCLUDED.remediations_succeeded,
                            remediations_failed = EXCLUDED.remediations_failed, reopened_count = EXCLUDED.reopened_count,
                            resolved_by_automation = EXCLUDED.resolved_by_automation,
                            mtta_measured = EXCLUDED.mtta_measured, mttr_measured = EXCLUDED.mttr_measured,
                            -- A gap keeps the time it was first seen, so that the hold runs from then.
                            gap_since = CASE WHEN EXCLUDED.gap_since IS NULL THEN NULL
                                             ELSE coalesce(incident.gap_since, EXCLUDED.gap_since) END""")
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
                .param("firstAlertAt", timestamp(incident.response().firstAlertAt()))
                .param("firstPersonAckAt", timestamp(incident.response().firstPersonAckAt()))
                .param("firstAutomationAckAt", timestamp(incident.response().firstAutomationAckAt()))
                .param("firstResolvedAt", timestamp(incident.response().firstResolvedAt()))
                .param("escalations", incident.counts().escalations())
                .param("notifications", incident.counts().notifications())
                .param("remediationsRequested", incident.counts().remediationsRequested())
                .param("remediationsSucceeded", incident.counts().remediationsSucceeded())
                .param("remediationsFailed", incident.counts().remediationsFailed())
                .param("reopened", incident.counts().reopened())
                .param("resolvedByAutomation", incident.resolvedByAutomation())
                .param("hasGap", incident.hasGap())
                .param("mttaMeasured", before.ack() || measureAck)
                .param("mttrMeasured", before.resolve() || measureResolve)
                .update();
        if (delivery == Delivery.LIVE) {
            measureAfterCommit(incident, measureAck, measureResolve);
        }
        return Outcome.RECORDED;
    }

    /** Whether the incident's MTTA and MTTR are in the histograms already. */
    private record Measured(boolean ack, boolean resolve) {
    }

    /** Records response times once the entry that completes them is durable. */
    private void measureAfterCommit(Incident after, boolean acknowledged, boolean resolved) {
        if (!acknowledged && !resolved) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (acknowledged) {
                    metrics.acknowledged(after);
                }
                if (resolved) {
                    metrics.resolved(after);
                }
            }
        });
    }

    /**
     * Empties the timeline and every incident, for a rebuild from the topic. Nothing else ever deletes.
     */
    @Transactional
    public void truncate() {
        jdbc.sql("TRUNCATE timeline_event, incident").update();
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
                rs.getLong("event_count"),
                new Incident.Response(instant(rs, "first_alert_at"), instant(rs, "first_person_ack_at"),
                        instant(rs, "first_automation_ack_at"), instant(rs, "first_resolved_at")),
                new Incident.Counts(rs.getInt("escalation_count"), rs.getInt("notification_count"),
                        rs.getInt("remediations_requested"), rs.getInt("remediations_succeeded"),
                        rs.getInt("remediations_failed"), rs.getInt("reopened_count")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
