package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Severity;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An incident as stored by the router.
 *
 * @param serviceId owning service, or {@code null} when the owner was not found
 * @param teamId the team responsible: the owner's, or the catch-all team
 * @param resolvedAt when it was resolved, or {@code null} while open
 * @param alertCount how many firing alert events it absorbed, the first included
 * @param nextSequence the timeline sequence number its next timeline event gets
 */
public record Incident(
        UUID id,
        String dedupKey,
        IncidentStatus status,
        String serviceId,
        String teamId,
        Severity severity,
        String summary,
        Instant openedAt,
        Instant lastSeenAt,
        Instant resolvedAt,
        int alertCount,
        long nextSequence) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }

    public boolean isOpen() {
        return status == IncidentStatus.OPEN;
    }
}
