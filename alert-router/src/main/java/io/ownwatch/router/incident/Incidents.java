package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.Severity;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Where incidents, their alerts, alert histories and processed event ids are kept: implemented by the JDBC adapter. */
public interface Incidents {

    Optional<Incident> findById(UUID id);

    /** The incident, locked until the current transaction ends. */
    Optional<Incident> findByIdForUpdate(UUID id);

    /**
     * Takes the incident's next {@code count} timeline sequence numbers: the incident locked until the current
     * transaction ends and its sequence advanced, in one statement, or empty when there is no such incident.
     *
     * @return the incident as it was before (its {@code nextSequence} is the first number taken)
     */
    Optional<Incident> takeSequence(UUID id, int count);

    /** Every incident that held an alert with this dedup key, newest first. */
    List<Incident> findByDedupKey(String dedupKey);

    /** The unresolved incident that holds this dedup key, with all its alerts. */
    Optional<Situation.Held> findHolding(String dedupKey);

    /**
     * Which unresolved incident holds each of these dedup keys, with the held alert of that key only (not the
     * incident's other alerts, however many): one read for a whole batch, costing what the batch's keys cost. Keys
     * no unresolved incident holds are absent.
     */
    Map<String, HeldAlert> findHeldAlerts(Collection<String> dedupKeys);

    /** Which of these dedup keys an unresolved incident holds. */
    Set<String> heldAmong(Collection<String> dedupKeys);

    /** The most recently seen unresolved incident with this group key. */
    Optional<Incident> findGroupCandidate(String groupKey);

    /** The alerts of an incident, first seen first. */
    List<IncidentAlert> alertsOf(UUID incidentId);

    /**
     * The alerts that can inhibit others of a service: firing critical alerts held by unresolved incidents whose
     * {@code service} label has this value. Only those, since a service in a storm holds thousands of others.
     */
    List<IncidentAlert> heldAlertsOfService(String service);

    /** Which of these group keys an unresolved incident has. */
    Set<String> openGroupKeysAmong(Collection<String> groupKeys);

    /** Unresolved incidents marked flapping. */
    List<Incident> flappingOpen();

    /** Incidents that satisfy every filter given, newest first, one page of them. */
    IncidentPage search(IncidentQuery query);

    AlertHistory history(String dedupKey);

    void saveHistory(AlertHistory history);

    /** The histories of these dedup keys, {@link AlertHistory#none} for those never heard of, by dedup key. */
    Map<String, AlertHistory> histories(Collection<String> dedupKeys);

    /** {@link #saveHistory} for many, in one statement; at most one history per dedup key. */
    void saveHistories(Collection<AlertHistory> histories);

    void insert(Incident incident);

    /**
     * Writes the mutable part of the incident: status, team, severity, counters, times, flags and the next sequence.
     * A resolved incident releases its alerts: their next firing opens a new incident.
     */
    void update(Incident incident);

    /** {@link #update} for many unresolved incidents, in one round trip. */
    void updateOpen(Collection<Incident> incidents);

    /**
     * The alerts of a reopened incident are held by it again and count as firing until their sender says they
     * resolved. The caller has made sure, under the locks of their dedup keys, that no other incident holds them.
     */
    void holdAgain(UUID incidentId);

    /** Inserts or replaces the incident's row of this alert. */
    void saveAlert(IncidentAlert alert);

    /** {@link #saveAlert} for many, in one statement; at most one alert per incident and dedup key. */
    void saveAlerts(Collection<IncidentAlert> alerts);

    /**
     * Records an alert event that was suppressed, under whatever suppressed it.
     *
     * @param suppressedBy {@code silence:<id>} or {@code incident:<id>}
     * @return true the first time this dedup key is suppressed by it (the timeline hears of it once)
     */
    boolean recordSuppression(String suppressedBy, Alert alert, String reason);

    /** Serialises the routing of one dedup key until the current transaction ends. */
    void lockAlert(String dedupKey);

    /** Serialises the grouping under one group key until the current transaction ends. */
    void lockGroup(String groupKey);

    /**
     * {@link #lockAlert} and {@link #lockGroup} for a whole batch, every dedup key before every group key and each
     * kind in one fixed order, so that two batches (or a batch and a single alert) never wait for each other in a
     * circle.
     */
    void lockAll(Collection<String> dedupKeys, Collection<String> groupKeys);

    /** Whether a consumer already processed an event. */
    boolean isProcessed(String consumer, String eventId);

    /** Which of these events a consumer already processed. */
    Set<String> processedAmong(String consumer, Collection<String> eventIds);

    /**
     * {@link #markProcessed} for many events in one statement.
     *
     * @return the event ids that were not recorded before: the others are redeliveries
     */
    Set<String> markAllProcessed(String consumer, Collection<String> eventIds);

    /**
     * Records that a consumer processed an event, in the current transaction.
     *
     * @return false when it was already recorded: the event is a redelivery
     */
    boolean markProcessed(String consumer, String eventId);

    /**
     * Filters of the incident list; {@code null} means "any".
     *
     * @param from opened at or after, inclusive
     * @param to opened before, exclusive
     */
    record IncidentQuery(IncidentStatus status, String teamId, String serviceId, Severity severity, Instant from,
            Instant to, int page, int size) {
    }

    /** One page of incidents and how many match in all. */
    record IncidentPage(List<Incident> items, int page, int size, long total) {
    }
}
