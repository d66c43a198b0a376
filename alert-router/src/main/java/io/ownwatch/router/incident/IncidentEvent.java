package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.timeline.TimelineEntry;
import java.util.UUID;

/**
 * What happened to an incident, for the features that act on it (escalation, remediation). Published synchronously
 * through Spring's event publisher inside the transaction that made the change, so whatever a listener writes
 * (a timer row, a remediation request in the outbox) commits or rolls back with the change itself. Listeners must
 * therefore stay local: no remote calls, no waiting.
 */
public sealed interface IncidentEvent {

    /** The incident as it is after the change. */
    Incident incident();

    default UUID incidentId() {
        return incident().id();
    }

    /** A new incident, with the alert that opened it (its labels bind runbook parameters). */
    record Opened(Incident incident, Alert alert) implements IncidentEvent {
    }

    /** Acknowledged by a person or by the sender of its alerts. */
    record Acknowledged(Incident incident, TimelineEntry.Actor by) implements IncidentEvent {
    }

    /** Resolved: by hand, because every alert resolved, or because flapping calmed down. */
    record Resolved(Incident incident, TimelineEntry.Actor by) implements IncidentEvent {
    }

    /** Reopened by a person after it was resolved: triggered again, its alerts held (and counted firing) again. */
    record Reopened(Incident incident, TimelineEntry.Actor by, String reason) implements IncidentEvent {
    }

    /** Handed from one team to another. */
    record Reassigned(Incident incident, String fromTeamId, TimelineEntry.Actor by) implements IncidentEvent {
    }
}
