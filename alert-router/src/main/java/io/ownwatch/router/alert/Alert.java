package io.ownwatch.router.alert;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One normalised alert event.
 *
 * @param eventId unique per received event; routing is idempotent on it
 * @param dedupKey identity of the alert across repeats
 * @param endsAt when the sender says it ended, or {@code null} when it has not
 * @param receivedAt server time at ingest: response times count from here
 * @param generatorUrl link back to the source, or {@code null}
 */
public record Alert(
        String eventId,
        String dedupKey,
        AlertSource source,
        AlertStatus status,
        Severity severity,
        String summary,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        Instant receivedAt,
        String generatorUrl) {

    /** The label naming the integration an alert came through, set by the ingest on every alert it admits. */
    public static final String INTEGRATION_LABEL = "ownwatch_integration";

    public Alert {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        summary = summary == null ? "" : summary;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
