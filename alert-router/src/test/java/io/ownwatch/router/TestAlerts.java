package io.ownwatch.router;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.Severity;

/**
 * Alert events as a monitoring system puts them on an alerts topic: from the Kafka source, started a minute ago,
 * received now, with no annotations, generator or integration. A test changes what it needs with
 * {@code AlertEvent.newBuilder(event)}.
 */
public final class TestAlerts {

    private TestAlerts() {
    }

    /** A firing alert with a fresh event id. */
    public static AlertEvent firing(String dedupKey, Severity severity, String summary, Map<String, String> labels) {
        Instant now = Instant.now();
        return AlertEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setDedupKey(dedupKey)
                .setSource(AlertSource.KAFKA)
                .setStatus(AlertStatus.FIRING)
                .setSeverity(severity)
                .setSummary(summary)
                .setLabels(labels)
                .setAnnotations(Map.of())
                .setStartsAt(now.minusSeconds(60))
                .setEndsAt(null)
                .setReceivedAt(now)
                .setGeneratorUrl(null)
                .setIntegrationId(null)
                .build();
    }

    /** The same alert reported resolved now. */
    public static AlertEvent resolved(AlertEvent alert) {
        return AlertEvent.newBuilder(alert).setStatus(AlertStatus.RESOLVED).setEndsAt(Instant.now()).build();
    }

    /** The same alert sent again by its sender: a new event id, so not a redelivery. */
    public static AlertEvent repeated(AlertEvent alert) {
        return AlertEvent.newBuilder(alert).setEventId(UUID.randomUUID().toString()).build();
    }
}
