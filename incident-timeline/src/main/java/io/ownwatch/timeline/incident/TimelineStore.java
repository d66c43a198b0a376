package io.ownwatch.timeline.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ownwatch.timeline.ItemPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable timeline ({@code timeline_event}) and the incident summaries folded from it
 * ({@code incident}), always changed together in one transaction: one per entry, or one per batch of entries
 * ({@link #recordAll}), which writes each touched incident once.
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
    private final NamedParameterJdbcTemplate batch;
    private final JsonMapper json;
    private final ResponseTimeMetrics metrics;

    TimelineStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json, ResponseTimeMetrics metrics) {
        this.jdbc = jdbc;
        this.batch = batch;
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
     * Records an entry and refreshes its incident's summary; see {@link #recordAll}.
     *
     * @throws SequenceConflict if another event already holds this entry's sequence in its incident
     */
    @Transactional
    public Outcome record(TimelineEntry entry, Delivery delivery) {
        return recordAll(List.of(entry), delivery).get(0);
    }

    /**
     * Records entries and refreshes the summary of each incident they touch once, all or nothing, idempotently on
     * the event id. The timeline is append-only: an entry is never changed or removed once recorded (only a rebuild
     * starts it afresh). The entries go in with one statement; an incident whose new entries directly follow its
     * stored fold carries it on, any other incident is refolded from its whole timeline
     * ({@link IncidentProjection#advance}), with one read for all of those.
     *
     * @param entries in the order they were delivered
     * @return what happened to each entry, in the same order
     * @throws SequenceConflict for the first entry that claims a sequence another event holds; nothing is recorded
     */
    @Transactional
    public List<Outcome> recordAll(List<TimelineEntry> entries, Delivery delivery) {
        if (entries.isEmpty()) {
            return List.of();
        }
        lockIncidents(entries);
        Set<String> inserted = insert(entries);
        List<Outcome> outcomes = outcomes(entries, inserted);
        Map<String, List<TimelineEntry>> added = new LinkedHashMap<>();
        Set<String> counted = new HashSet<>();
        for (TimelineEntry entry : entries) {
            // A copy of an event delivered twice within the batch is inserted once and counted once.
            if (inserted.contains(entry.eventId()) && counted.add(entry.eventId())) {
                added.computeIfAbsent(entry.incidentId(), id -> new ArrayList<>()).add(entry);
            }
        }
        if (added.isEmpty()) {
            return outcomes;
        }
        Map<String, Stored> stored = stored(added.keySet());
        List<String> toRead = added.entrySet().stream()
                .filter(e -> stored.getOrDefault(e.getKey(), Stored.NONE).foldNotKept()
                        || IncidentProjection.needsTimeline(foldOf(stored.get(e.getKey())), e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        Map<String, List<TimelineEntry>> timelines = timelinesOf(toRead);
        List<Refolded> refolded = new ArrayList<>(added.size());
        added.forEach((incidentId, newEntries) -> {
            Stored before = stored.getOrDefault(incidentId, Stored.NONE);
            // An incident folded before folds were kept is refolded in full once; from then on it is carried on.
            Optional<IncidentProjection.Fold> after = before.foldNotKept()
                    ? Optional.of(IncidentProjection.foldAll(timelines.get(incidentId)))
                    : IncidentProjection.advance(before.fold(), newEntries, () -> timelines.get(incidentId));
            after.ifPresent(fold -> refolded.add(new Refolded(fold, before)));
        });
        upsert(refolded);
        if (delivery == Delivery.LIVE) {
            measureAfterCommit(refolded);
        }
        return outcomes;
    }

    /**
     * Serialises writers of each incident, so that a fold sees every committed entry. Always in the same order, so
     * that two batches sharing incidents cannot deadlock.
     */
    private void lockIncidents(List<TimelineEntry> entries) {
        List<String> incidentIds = entries.stream().map(TimelineEntry::incidentId).distinct().sorted().toList();
        String rows = String.join(", ", Collections.nCopies(incidentIds.size(), "(?)"));
        jdbc.sql("SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT hashtextextended(id, 0) AS h FROM (VALUES "
                        + rows + ") AS v(id) ORDER BY h) AS locks")
                .params(List.copyOf(incidentIds))
                .query(Long.class)
                .single();
    }

    /** Inserts the entries in one statement; the event ids of those that were not recorded before. */
    private Set<String> insert(List<TimelineEntry> entries) {
        String row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), now())";
        List<Object> params = new ArrayList<>(entries.size() * 12);
        for (TimelineEntry entry : entries) {
            params.addAll(Arrays.asList(entry.eventId(), entry.incidentId(), entry.sequence(), entry.type().name(),
                    Timestamp.from(entry.occurredAt()), entry.actor().kind(), entry.actor().id(), entry.serviceId(),
                    entry.teamId(), entry.severity().name(), entry.summary(), json.writeValueAsString(entry.attributes())));
        }
        // Rows of one statement go in in order: of two events claiming one sequence, the first delivered holds it.
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO timeline_event (event_id, incident_id, sequence, type, occurred_at, actor_kind, actor_id,
                                                    service_id, team_id, severity, summary, attributes, recorded_at)
                        VALUES """ + String.join(", ", Collections.nCopies(entries.size(), row)) + """

                        ON CONFLICT DO NOTHING
                        RETURNING event_id""")
                .params(params)
                .query(String.class)
                .list());
    }

    /**
     * What happened to each entry: recorded now, recorded before (a redelivery, or a copy within the batch), or
     * refused because another event holds its sequence.
     */
    private List<Outcome> outcomes(List<TimelineEntry> entries, Set<String> inserted) {
        List<String> notInserted = entries.stream().map(TimelineEntry::eventId)
                .filter(id -> !inserted.contains(id)).distinct().toList();
        Set<String> seen = notInserted.isEmpty() ? Set.of() : new HashSet<>(jdbc.sql(
                        "SELECT event_id FROM timeline_event WHERE event_id IN (:eventIds)")
                .param("eventIds", notInserted)
                .query(String.class)
                .list());
        List<Outcome> outcomes = new ArrayList<>(entries.size());
        Set<String> firstSeen = new HashSet<>();
        for (TimelineEntry entry : entries) {
            boolean first = firstSeen.add(entry.eventId());
            if (inserted.contains(entry.eventId())) {
                outcomes.add(first ? Outcome.RECORDED : Outcome.DUPLICATE);
            }
            else if (seen.contains(entry.eventId())) {
                log.debug("Ignoring redelivered timeline event {} of incident {}", entry.eventId(), entry.incidentId());
                outcomes.add(Outcome.DUPLICATE);
            }
            else {
                String holder = jdbc.sql("SELECT event_id FROM timeline_event WHERE incident_id = :incidentId AND sequence = :sequence")
                        .param("incidentId", entry.incidentId())
                        .param("sequence", entry.sequence())
                        .query(String.class)
                        .single();
                throw new SequenceConflict(entry, holder);
            }
        }
        return outcomes;
    }

    /** The stored fold and measurements of these incidents; those without a row are left out. */
    private Map<String, Stored> stored(Collection<String> incidentIds) {
        Map<String, Stored> stored = new HashMap<>();
        jdbc.sql("SELECT * FROM incident WHERE incident_id IN (:incidentIds)")
                .param("incidentIds", List.copyOf(incidentIds))
                .query((rs, n) -> {
                    Incident incident = incident(rs, n);
                    Instant earliest = instant(rs, "fold_earliest_at");
                    IncidentProjection.Fold fold = earliest == null ? null : new IncidentProjection.Fold(incident,
                            earliest, instant(rs, "fold_opening_at"), rs.getString("fold_opening_summary"),
                            rs.getString("fold_first_summary"), instant(rs, "fold_first_alert_at"));
                    return new Stored(incident.incidentId(), fold,
                            new Measured(rs.getBoolean("mtta_measured"), rs.getBoolean("mttr_measured")));
                })
                .list()
                .forEach(row -> stored.put(row.incidentId(), row));
        return stored;
    }

    private static IncidentProjection.Fold foldOf(Stored stored) {
        return stored == null ? null : stored.fold();
    }

    /** The whole timelines of these incidents, in sequence order. */
    private Map<String, List<TimelineEntry>> timelinesOf(List<String> incidentIds) {
        Map<String, List<TimelineEntry>> timelines = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return timelines;
        }
        jdbc.sql("SELECT * FROM timeline_event WHERE incident_id IN (:incidentIds) ORDER BY incident_id, sequence")
                .param("incidentIds", incidentIds)
                .query(this::entry)
                .list()
                .forEach(entry -> timelines.computeIfAbsent(entry.incidentId(), id -> new ArrayList<>()).add(entry));
        return timelines;
    }

    /** Writes the refolded incidents as one JDBC batch. */
    private void upsert(List<Refolded> refolded) {
        if (refolded.isEmpty()) {
            return;
        }
        MapSqlParameterSource[] rows = refolded.stream().map(TimelineStore::row).toArray(MapSqlParameterSource[]::new);
        batch.batchUpdate("""
                INSERT INTO incident (incident_id, service_id, team_id, severity, summary, status, opened_at,
                                      acknowledged_at, resolved_at, last_sequence, event_count, updated_at,
                                      first_alert_at, first_person_ack_at, first_automation_ack_at, first_resolved_at,
                                      escalation_count, notification_count, remediations_requested,
                                      remediations_succeeded, remediations_failed, reopened_count,
                                      resolved_by_automation, gap_since, mtta_measured, mttr_measured,
                                      fold_earliest_at, fold_opening_at, fold_opening_summary, fold_first_summary,
                                      fold_first_alert_at)
                VALUES (:incidentId, :serviceId, :teamId, :severity, :summary, :status, :openedAt,
                        :acknowledgedAt, :resolvedAt, :lastSequence, :eventCount, now(),
                        :firstAlertAt, :firstPersonAckAt, :firstAutomationAckAt, :firstResolvedAt,
                        :escalations, :notifications, :remediationsRequested,
                        :remediationsSucceeded, :remediationsFailed, :reopened,
                        :resolvedByAutomation, CASE WHEN :hasGap THEN now() END, :mttaMeasured, :mttrMeasured,
                        :foldEarliestAt, :foldOpeningAt, :foldOpeningSummary, :foldFirstSummary, :foldFirstAlertAt)
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
                    fold_earliest_at = EXCLUDED.fold_earliest_at, fold_opening_at = EXCLUDED.fold_opening_at,
                    fold_opening_summary = EXCLUDED.fold_opening_summary,
                    fold_first_summary = EXCLUDED.fold_first_summary, fold_first_alert_at = EXCLUDED.fold_first_alert_at,
                    -- A gap keeps the time it was first seen, so that the hold runs from then.
                    gap_since = CASE WHEN EXCLUDED.gap_since IS NULL THEN NULL
                                     ELSE coalesce(incident.gap_since, EXCLUDED.gap_since) END""", rows);
    }

    private static MapSqlParameterSource row(Refolded refolded) {
        IncidentProjection.Fold fold = refolded.fold();
        Incident incident = fold.incident();
        // Typed, so that a null does not cost the driver a round trip to look its parameter type up.
        return new MapSqlParameterSource()
                .addValue("incidentId", incident.incidentId())
                .addValue("serviceId", incident.serviceId(), Types.VARCHAR)
                .addValue("teamId", incident.teamId(), Types.VARCHAR)
                .addValue("severity", incident.severity().name())
                .addValue("summary", incident.summary(), Types.VARCHAR)
                .addValue("status", incident.status().name())
                .addValue("openedAt", timestamp(incident.openedAt()), Types.TIMESTAMP)
                .addValue("acknowledgedAt", timestamp(incident.acknowledgedAt()), Types.TIMESTAMP)
                .addValue("resolvedAt", timestamp(incident.resolvedAt()), Types.TIMESTAMP)
                .addValue("lastSequence", incident.lastSequence())
                .addValue("eventCount", incident.eventCount())
                .addValue("firstAlertAt", timestamp(incident.response().firstAlertAt()), Types.TIMESTAMP)
                .addValue("firstPersonAckAt", timestamp(incident.response().firstPersonAckAt()), Types.TIMESTAMP)
                .addValue("firstAutomationAckAt", timestamp(incident.response().firstAutomationAckAt()), Types.TIMESTAMP)
                .addValue("firstResolvedAt", timestamp(incident.response().firstResolvedAt()), Types.TIMESTAMP)
                .addValue("escalations", incident.counts().escalations())
                .addValue("notifications", incident.counts().notifications())
                .addValue("remediationsRequested", incident.counts().remediationsRequested())
                .addValue("remediationsSucceeded", incident.counts().remediationsSucceeded())
                .addValue("remediationsFailed", incident.counts().remediationsFailed())
                .addValue("reopened", incident.counts().reopened())
                .addValue("resolvedByAutomation", incident.resolvedByAutomation())
                .addValue("hasGap", incident.hasGap())
                .addValue("mttaMeasured", refolded.before().measured().ack() || refolded.measureAck())
                .addValue("mttrMeasured", refolded.before().measured().resolve() || refolded.measureResolve())
                .addValue("foldEarliestAt", timestamp(fold.earliestAt()), Types.TIMESTAMP)
                .addValue("foldOpeningAt", timestamp(fold.openingAt()), Types.TIMESTAMP)
                .addValue("foldOpeningSummary", fold.openingSummary(), Types.VARCHAR)
                .addValue("foldFirstSummary", fold.firstSummary(), Types.VARCHAR)
                .addValue("foldFirstAlertAt", timestamp(fold.firstAlertAt()), Types.TIMESTAMP);
    }

    /** An incident's row before this transaction: its fold (null if none is kept) and what is measured. */
    private record Stored(String incidentId, IncidentProjection.Fold fold, Measured measured) {
        static final Stored NONE = new Stored(null, null, new Measured(false, false));

        /** The incident has a row, written before V3 kept the fold's running values. */
        boolean foldNotKept() {
            return incidentId != null && fold == null;
        }
    }

    /** An incident folded anew, with what its row said before. */
    private record Refolded(IncidentProjection.Fold fold, Stored before) {

        /** Measured once the moment is known and nothing before it can still be missing. */
        boolean measureAck() {
            Incident incident = fold.incident();
            return !before.measured().ack() && !incident.hasGap() && incident.response().firstPersonAckAt() != null;
        }

        boolean measureResolve() {
            Incident incident = fold.incident();
            return !before.measured().resolve() && !incident.hasGap() && incident.response().firstResolvedAt() != null;
        }
    }

    /** Whether the incident's MTTA and MTTR are in the histograms already. */
    private record Measured(boolean ack, boolean resolve) {
    }

    /** Records response times once the entries that complete them are durable. */
    private void measureAfterCommit(List<Refolded> refolded) {
        List<Refolded> measured = refolded.stream().filter(r -> r.measureAck() || r.measureResolve()).toList();
        if (measured.isEmpty()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                for (Refolded r : measured) {
                    if (r.measureAck()) {
                        metrics.acknowledged(r.fold().incident());
                    }
                    if (r.measureResolve()) {
                        metrics.resolved(r.fold().incident());
                    }
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
