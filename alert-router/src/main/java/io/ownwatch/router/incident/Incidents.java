package io.ownwatch.router.incident;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where incidents and processed event ids are kept: implemented by the JDBC adapter. */
public interface Incidents {

    /** The open incident for a dedup key, if any. */
    Optional<Incident> findOpen(String dedupKey);

    /** The open incident for a dedup key, locked until the current transaction ends. */
    Optional<Incident> findOpenForUpdate(String dedupKey);

    Optional<Incident> findById(UUID id);

    /** Every incident of a dedup key, newest first. */
    List<Incident> findByDedupKey(String dedupKey);

    void insert(Incident incident);

    /** Writes the mutable part of the incident: status, counters, times and the next sequence. */
    void update(Incident incident);

    /** Whether a consumer already processed an event. */
    boolean isProcessed(String consumer, String eventId);

    /**
     * Records that a consumer processed an event, in the current transaction.
     *
     * @return false when it was already recorded: the event is a redelivery
     */
    boolean markProcessed(String consumer, String eventId);
}
