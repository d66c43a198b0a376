package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An incident as stored by the router. It changes only through the methods below, each returning the new state, so
 * that the pure decisions and the responder actions share one set of rules.
 *
 * @param dedupKey the dedup key of the alert that opened it
 * @param serviceId owning service, or {@code null} when the owner was not found
 * @param teamId the team responsible: the owner's, the catch-all team, or whoever it was reassigned to
 * @param severity the most severe of its alerts
 * @param resolvedAt when it was resolved, or {@code null} while not resolved
 * @param alertCount how many firing alert events it absorbed, the first included, of all its alerts
 * @param nextSequence the timeline sequence number its next timeline event gets
 * @param groupKey the values of the group-by labels of its first alert, or {@code null} when it groups nothing
 * @param flapping whether one of its alerts fired and resolved too often: it is then held open until quiet
 * @param acknowledgedAt when a person acknowledged it, or {@code null}
 * @param acknowledgedBy who acknowledged it, or {@code null}
 * @param deduplicatedNotedAt when its timeline last got an ALERT_DEDUPLICATED event, or {@code null}
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
        long nextSequence,
        String groupKey,
        boolean flapping,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant deduplicatedNotedAt) {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        if ((status == IncidentStatus.RESOLVED) != (resolvedAt != null)) {
            throw new IllegalArgumentException("resolvedAt is set exactly when the incident is resolved");
        }
    }

    /** Not resolved: it still holds its alerts, takes repeats and groups new alerts. */
    public boolean isOpen() {
        return status != IncidentStatus.RESOLVED;
    }

    /** One more firing alert event: counted, seen, and as severe as the worst of its alerts. */
    Incident absorbed(Instant seenAt, Severity alertSeverity) {
        return new Incident(id, dedupKey, status, serviceId, teamId, Severities.worse(severity, alertSeverity), summary,
                openedAt, later(lastSeenAt, seenAt), resolvedAt, alertCount + 1, nextSequence, groupKey, flapping,
                acknowledgedAt, acknowledgedBy, deduplicatedNotedAt);
    }

    Incident markedFlapping() {
        return new Incident(id, dedupKey, status, serviceId, teamId, severity, summary, openedAt, lastSeenAt,
                resolvedAt, alertCount, nextSequence, groupKey, true, acknowledgedAt, acknowledgedBy, deduplicatedNotedAt);
    }

    Incident deduplicationNoted(Instant at) {
        return new Incident(id, dedupKey, status, serviceId, teamId, severity, summary, openedAt, lastSeenAt,
                resolvedAt, alertCount, nextSequence, groupKey, flapping, acknowledgedAt, acknowledgedBy, at);
    }

    /**
     * Resolved at that time (never before it opened).
     *
     * @throws IncidentAlreadyResolved when it is resolved already
     */
    public Incident resolve(Instant at) {
        if (!isOpen()) {
            throw new IncidentAlreadyResolved(id);
        }
        return new Incident(id, dedupKey, IncidentStatus.RESOLVED, serviceId, teamId, severity, summary, openedAt,
                lastSeenAt, later(openedAt, at), alertCount, nextSequence, groupKey, flapping, acknowledgedAt,
                acknowledgedBy, deduplicatedNotedAt);
    }

    /**
     * Acknowledged by a person. Acknowledging twice is not a conflict: the first acknowledgement stands.
     *
     * @throws IncidentAlreadyResolved when it is resolved: there is nothing left to acknowledge
     */
    public Incident acknowledge(String by, Instant at) {
        if (!isOpen()) {
            throw new IncidentAlreadyResolved(id);
        }
        if (status == IncidentStatus.ACKNOWLEDGED) {
            return this;
        }
        return new Incident(id, dedupKey, IncidentStatus.ACKNOWLEDGED, serviceId, teamId, severity, summary, openedAt,
                lastSeenAt, null, alertCount, nextSequence, groupKey, flapping, later(openedAt, at), by,
                deduplicatedNotedAt);
    }

    /**
     * Handed to another team.
     *
     * @throws IncidentAlreadyResolved when it is resolved
     */
    public Incident reassign(String toTeamId) {
        if (!isOpen()) {
            throw new IncidentAlreadyResolved(id);
        }
        return new Incident(id, dedupKey, status, serviceId, Objects.requireNonNull(toTeamId, "teamId"), severity,
                summary, openedAt, lastSeenAt, resolvedAt, alertCount, nextSequence, groupKey, flapping, acknowledgedAt,
                acknowledgedBy, deduplicatedNotedAt);
    }

    /**
     * Open again, at a person's request, within {@code window} of its resolution: triggered, with no acknowledgement and
     * no resolution time; when it opened, what it holds and how often its alerts fired stay as they were.
     *
     * @throws IncidentNotResolved when it is not resolved
     * @throws ReopenWindowClosed when it was resolved more than {@code window} before {@code at}
     */
    public Incident reopen(Instant at, Duration window) {
        if (isOpen()) {
            throw new IncidentNotResolved(id);
        }
        if (at.isAfter(resolvedAt.plus(window))) {
            throw new ReopenWindowClosed(id, resolvedAt, window);
        }
        return new Incident(id, dedupKey, IncidentStatus.OPEN, serviceId, teamId, severity, summary, openedAt,
                lastSeenAt, null, alertCount, nextSequence, groupKey, flapping, null, null, deduplicatedNotedAt);
    }

    /** The next {@code count} sequence numbers are taken. */
    public Incident sequenced(int count) {
        return new Incident(id, dedupKey, status, serviceId, teamId, severity, summary, openedAt, lastSeenAt,
                resolvedAt, alertCount, nextSequence + count, groupKey, flapping, acknowledgedAt, acknowledgedBy,
                deduplicatedNotedAt);
    }

    static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
