package io.ownwatch.router.ingest.kafka;

import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.Severity;
import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.ingest.AlertPublication;
import io.ownwatch.router.ingest.AlertsNotAcknowledged;
import io.ownwatch.router.ingest.IngestProperties;
import io.ownwatch.schemas.serde.AvroSerdeConfig;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Writes accepted alerts to {@code alerts.v1} with a producer of its own (acks=all, idempotent, from the binder's
 * settings), asynchronously: every alert of a request is handed to the producer at once, then the request thread
 * waits on its own futures only. Concurrent requests therefore share the producer's batches and broker round trips
 * ({@code linger.ms}, {@code batch.size} under {@code ownwatch.router.ingest.producer}), and nothing serialises them:
 * a synchronous binding through StreamBridge costs one round trip per alert behind a lock every send takes.
 */
@Component
class KafkaAlertPublication implements AlertPublication, DisposableBean {

    private static final String BINDER = "spring.cloud.stream.kafka.binder";

    private final Producer<String, AlertEvent> producer;
    private final String topic;
    private final long timeoutMillis;

    KafkaAlertPublication(Environment environment, IngestProperties properties) {
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        Map<String, Object> config = config(environment, properties);
        values.configure(config, false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), (topic, event) -> values.serialize(topic, event));
        this.topic = properties.topic();
        this.timeoutMillis = properties.brokerTimeout().toMillis();
    }

    /** The binder's client and producer settings, then the ingest's own; always acks=all and idempotent. */
    static Map<String, Object> config(Environment environment, IngestProperties properties) {
        Binder binder = Binder.get(environment);
        Bindable<Map<String, String>> settings = Bindable.mapOf(String.class, String.class);
        Map<String, Object> config = new LinkedHashMap<>(binder.bind(BINDER + ".configuration", settings).orElse(Map.of()));
        config.putAll(binder.bind(BINDER + ".producer-properties", settings).orElse(Map.of()));
        config.putAll(properties.producer());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.bind(BINDER + ".brokers", Bindable.listOf(String.class))
                .orElse(List.of("localhost:9092")).stream().map(String::trim).collect(Collectors.joining(",")));
        config.putIfAbsent(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                environment.getProperty(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081"));
        // Guarantee 1: 202 means every replica has it, written once however often the producer retried.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "alert-router-ingest");
        config.keySet().removeAll(List.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        return config;
    }

    @Override
    public void publishAll(List<Alert> alerts, UUID integrationId) {
        CompletableFuture<Void> acknowledged = publishAllAsync(alerts, integrationId);
        try {
            acknowledged.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AlertsNotAcknowledged refused ? refused
                    : new AlertsNotAcknowledged("The alerts were not acknowledged by the broker", e.getCause());
        } catch (TimeoutException e) {
            throw new AlertsNotAcknowledged("The alerts were not acknowledged within " + timeoutMillis + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertsNotAcknowledged("Interrupted while waiting for the broker to acknowledge the alerts", e);
        }
    }

    /**
     * The producer fails a record that the broker did not acknowledge within {@code delivery.timeout.ms} (set from
     * the same broker timeout), so the future always completes; the callbacks run on the producer's I/O thread and
     * only count.
     */
    @Override
    public CompletableFuture<Void> publishAllAsync(List<Alert> alerts, UUID integrationId) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        AtomicInteger outstanding = new AtomicInteger(alerts.size());
        String integration = integrationId == null ? null : integrationId.toString();
        for (Alert alert : alerts) {
            String eventId = alert.eventId();
            try {
                producer.send(new ProducerRecord<>(topic, alert.dedupKey(), toEvent(alert, integration)), (metadata, failure) -> {
                    if (failure != null) {
                        acknowledged.completeExceptionally(new AlertsNotAcknowledged(
                                "Alert " + eventId + " was not acknowledged by the broker", failure));
                    } else if (outstanding.decrementAndGet() == 0) {
                        acknowledged.complete(null);
                    }
                });
            } catch (KafkaException e) {
                // No metadata within max.block.ms (the broker is away), or the record cannot be serialised.
                throw new AlertsNotAcknowledged("Alert " + eventId + " was not sent", e);
            }
        }
        return acknowledged;
    }

    static AlertEvent toEvent(Alert alert, String integrationId) {
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
                .setIntegrationId(integrationId)
                .build();
    }

    @Override
    public void destroy() {
        producer.close();
    }
}
