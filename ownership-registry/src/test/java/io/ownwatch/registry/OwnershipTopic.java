package io.ownwatch.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.schemas.serde.KafkaAvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A plain consumer of ownership.v1 from the beginning, as a new consumer of ownership would read it. */
final class OwnershipTopic implements AutoCloseable {

    static final String TOPIC = "ownership.v1";

    /** One record: the key and the value, null for a tombstone. */
    record Change(String serviceId, ServiceOwnership value) {
    }

    private final KafkaConsumer<String, Object> consumer;
    private final List<Change> changes = new ArrayList<>();

    OwnershipTopic(Infrastructure infrastructure) {
        KafkaAvroDeserializer values = new KafkaAvroDeserializer();
        values.configure(Map.of("schema.registry.url", infrastructure.schemaRegistryUrl(), "specific.avro.reader", true), false);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "ownership-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // The registry's binder creates the topic, compacted; a reader must never create it with defaults.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000), new StringDeserializer(), values);
        consumer.subscribe(List.of(TOPIC));
    }

    /** Reads what arrived since the last call; returns everything read so far, in order. */
    List<Change> poll() {
        for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
            changes.add(new Change(record.key(), (ServiceOwnership) record.value()));
        }
        return List.copyOf(changes);
    }

    /** Compacts what was read as a compacted topic would: the last value per key, a tombstone removes the key. */
    Map<String, ServiceOwnership> view() {
        Map<String, ServiceOwnership> view = new LinkedHashMap<>();
        for (Change change : changes) {
            if (change.value() == null) {
                view.remove(change.serviceId());
            }
            else {
                view.put(change.serviceId(), change.value());
            }
        }
        return view;
    }

    /** The records of each key in order, for per-key ordering checks. */
    Map<String, List<Change>> byKey() {
        Map<String, List<Change>> byKey = new HashMap<>();
        changes.forEach(change -> byKey.computeIfAbsent(change.serviceId(), k -> new ArrayList<>()).add(change));
        return byKey;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
