package io.ownwatch.router.timeline.kafka;

import io.ownwatch.edge.outbox.BindingStream;
import io.ownwatch.edge.outbox.Outbox;
import io.ownwatch.events.Actor;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import io.ownwatch.router.timeline.TimelineEntry;
import io.ownwatch.router.timeline.TimelineOutbox;
import io.ownwatch.schemas.serde.AvroSerdeConfig;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's timeline entries to {@code incident.timeline.v1}, keyed by incident id so one incident's
 * events stay in order on one partition. One entry goes through the {@code timeline-out-0} binding (sync,
 * acks=all); a relay batch goes through a producer of its own with the binder's settings (acks=all, idempotent):
 * every entry is sent at once, then the acknowledgements are awaited in order, so a backlog costs a few broker
 * round trips instead of one per entry. The idempotent producer keeps the order of one partition, and the outbox
 * marks published only the entries acknowledged from the first on.
 */
@Component
class TimelineStream extends BindingStream implements DisposableBean {

    static final String BINDING = "timeline-out-0";
    private static final Logger log = LoggerFactory.getLogger(TimelineStream.class);
    private static final String BINDER = "spring.cloud.stream.kafka.binder";

    private final Producer<String, TimelineEvent> producer;
    private final String topic;
    private final long timeoutMillis;

    TimelineStream(StreamBridge streamBridge, Environment environment) {
        super(streamBridge, TimelineOutbox.STREAM, BINDING);
        Binder binder = Binder.get(environment);
        Bindable<Map<String, String>> settings = Bindable.mapOf(String.class, String.class);
        Map<String, Object> config = new LinkedHashMap<>(binder.bind(BINDER + ".configuration", settings).orElse(Map.of()));
        config.putAll(binder.bind(BINDER + ".producer-properties", settings).orElse(Map.of()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.bind(BINDER + ".brokers", Bindable.listOf(String.class))
                .orElse(List.of("localhost:9092")).stream().map(String::trim).collect(Collectors.joining(",")));
        config.putIfAbsent(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                environment.getProperty(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://localhost:8081"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "alert-router-timeline-relay");
        config.keySet().removeAll(List.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(config, false);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), values::serialize);
        this.topic = environment.getProperty("spring.cloud.stream.bindings." + BINDING + ".destination",
                "incident.timeline.v1");
        this.timeoutMillis = Long.parseLong(String.valueOf(config.getOrDefault(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                "120000")));
    }

    @Override
    public int publishAll(List<Outbox.Message> messages) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<Future<RecordMetadata>> sends = new ArrayList<>(messages.size());
        for (Outbox.Message message : messages) {
            try {
                sends.add(producer.send(new ProducerRecord<>(topic, message.key(),
                        (TimelineEvent) value(message.key(), message.payload()))));
            } catch (RuntimeException e) {
                // No metadata within max.block.ms (the broker is away): what was handed over so far is awaited.
                log.warn("Timeline entry for incident {} not sent: {}", message.key(), e.getMessage());
                break;
            }
        }
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.warn("Timeline entry for incident {} not acknowledged: {}", messages.get(i).key(), e.toString());
                return i;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return i;
            }
        }
        return sends.size();
    }

    @Override
    public void destroy() {
        producer.close();
    }

    @Override
    protected TimelineEvent value(String incidentId, @Nullable String payload) {
        return toEvent(TimelineOutbox.read(Objects.requireNonNull(payload, "a timeline entry is never a tombstone")));
    }

    static TimelineEvent toEvent(TimelineEntry entry) {
        return TimelineEvent.newBuilder()
                .setEventId(entry.eventId().toString())
                .setIncidentId(entry.incidentId().toString())
                .setSequence(entry.sequence())
                .setType(TimelineEventType.valueOf(entry.type().name()))
                .setOccurredAt(entry.occurredAt())
                .setActor(Actor.newBuilder()
                        .setKind(ActorKind.valueOf(entry.actor().kind().name()))
                        .setId(entry.actor().id())
                        .build())
                .setServiceId(entry.serviceId())
                .setTeamId(entry.teamId())
                .setSeverity(Severity.valueOf(entry.severity().name()))
                .setSummary(entry.summary())
                .setAttributes(entry.attributes())
                .build();
    }
}
