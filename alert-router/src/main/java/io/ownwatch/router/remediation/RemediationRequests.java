package io.ownwatch.router.remediation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The requests of each incident with their latest state, and the verification windows of successful runs. Every
 * write runs in the caller's transaction, after the incident was locked (the lock order every writer follows).
 */
public interface RemediationRequests {

    /** The state of a request before the executor reported anything. */
    String REQUESTED = "REQUESTED";

    /** Stores a new request in state REQUESTED; {@code false} when one with its id exists already. */
    boolean insert(RemediationRequest request);

    /**
     * Records the latest state of a request; a request the router did not make (asked of the executor directly) is
     * added with what the result tells of it.
     */
    void recordState(RemediationResult result, String state);

    /** The requests of the incident, oldest first. */
    List<RequestState> ofIncident(UUID incidentId);

    /** The runbook version the request asked for, if the router made it. */
    OptionalInt runbookVersionOf(String requestId);

    /** The verification window the request's runbook asked for when it was requested, if the router made it. */
    OptionalInt verificationSecondsOf(String requestId);

    /** Opens the window: due {@code seconds} after the database's now; a window opened already stays as it is. */
    void openWindow(String requestId, UUID incidentId, String runbookId, String contentHash, int seconds);

    /** Closes every window of the incident (it resolved). */
    int closeWindowsOf(UUID incidentId);

    /**
     * Leases up to {@code limit} windows that are due by the database's clock and not leased by another instance
     * (SKIP LOCKED), for {@code leaseSeconds}; a lease that expires (its holder crashed) is taken again.
     */
    List<Window> leaseDue(int limit, int leaseSeconds);

    /** The window, locked, while it still exists: the incident must be locked first. */
    Optional<Window> lockWindow(String requestId);

    void closeWindow(String requestId);

    /** A request as the incident API shows it. */
    record RequestState(String requestId, String runbookId, Integer runbookVersion, String contentHash,
            String requestedByKind, String requestedBy, Instant requestedAt, String state, Instant stateAt,
            String reason) {
    }

    /** A verification window. */
    record Window(String requestId, UUID incidentId, String runbookId, String contentHash, Instant dueAt) {
    }
}
