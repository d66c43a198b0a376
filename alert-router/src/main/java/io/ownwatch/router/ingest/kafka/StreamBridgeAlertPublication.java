package io.ownwatch.router.ingest.kafka;

import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.Severity;
import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.ingest.AlertPublication;
import io.ownwatch.router.ingest.AlertsNotAcknowledged;
import java.util.List;
import java.util.UUID;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Sends alerts through the {@code alerts-out-0} binding. The binding is configured {@code sync},
 * so {@link StreamBridge#send} returns only after the broker acknowledged (acks=all) or throws.
 */
@Component
class StreamBridgeAlertPublication implements AlertPublication {

    static final String BINDING = "alerts-out-0";

    private final StreamBridge streamBridge;

    StreamBridgeAlertPublication(StreamBridge streamBridge) {
        this.streamBridge = streamBridge;
    }

    @Override
    public void publishAll(List<Alert> alerts, UUID integrationId) {
        for (Alert alert : alerts) {
            boolean sent;
            try {
                sent = streamBridge.send(BINDING, MessageBuilder.withPayload(toEvent(alert, integrationId))
                        .setHeader(KafkaHeaders.KEY, alert.dedupKey())
                        .build());
            } catch (RuntimeException e) {
                throw new AlertsNotAcknowledged("Alert " + alert.eventId() + " was not acknowledged by the broker", e);
            }
            if (!sent) {
                throw new AlertsNotAcknowledged("Alert " + alert.eventId() + " was not sent", null);
            }
        }
    }

    static AlertEvent toEvent(Alert alert, UUID integrationId) {
        return AlertEvent.newBuilder()
                .setEventId(alert.eventId())
                .setDedupKey(alert.dedupKey())
                .setSource(AlertSource.valueOf(alert.source().name()))
                .setStatus(AlertStatus.valueOf(alert.status().name()))
                .setSeverity(Severity.valueOf(alert.severity().name()))
                .setSummary(alert.summary())
                .setLabels(alert.labels())
                .setAnnotations(alert.annotations())
                .setStartsAt(alert.startsAt())
                .setEndsAt(alert.endsAt())
                .setReceivedAt(alert.receivedAt())
                .setGeneratorUrl(alert.generatorUrl())
                .setIntegrationId(integrationId == null ? null : integrationId.toString())
                .build();
    }
}
