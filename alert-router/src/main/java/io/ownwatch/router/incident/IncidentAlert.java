package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One alert (one dedup key) held by an incident.
 *
 * @param status FIRING or RESOLVED: the last thing its sender said
 * @param count how many firing events of it the incident absorbed
 */
public record IncidentAlert(
        UUID incidentId,
        String dedupKey,
        AlertStatus status,
        Severity severity,
        String summary,
        Map<String, String> labels,
        Instant firstSeenAt,
        Instant lastSeenAt,
        int count) {

    public IncidentAlert {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** The first firing event of the alert in an incident. */
    static IncidentAlert first(UUID incidentId, Alert alert) {
        return new IncidentAlert(incidentId, alert.dedupKey(), AlertStatus.FIRING, alert.severity(), alert.summary(),
                alert.labels(), alert.receivedAt(), alert.receivedAt(), 1);
    }

    /** Another firing event: counted; first and last seen stay the earliest and latest, whatever the delivery order. */
    IncidentAlert fired(Alert alert) {
        Instant at = alert.receivedAt();
        return new IncidentAlert(incidentId, dedupKey, AlertStatus.FIRING, alert.severity(), alert.summary(),
                alert.labels().isEmpty() ? labels : alert.labels(),
                firstSeenAt.isBefore(at) ? firstSeenAt : at, Incident.later(lastSeenAt, at), count + 1);
    }

    IncidentAlert resolved(Alert alert) {
        return new IncidentAlert(incidentId, dedupKey, AlertStatus.RESOLVED, severity, summary, labels, firstSeenAt,
                Incident.later(lastSeenAt, alert.receivedAt()), count);
    }

    boolean isFiring() {
        return status == AlertStatus.FIRING;
    }
}
