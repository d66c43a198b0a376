package io.ownwatch.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.events.RunbookVersion;
import io.ownwatch.schemas.serde.KafkaAvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A plain consumer of runbooks.v1 from the beginning, as the executor or the router would read it. */
final class RunbookTopic implements AutoCloseable {

    static final String TOPIC = "runbooks.v1";

    private final KafkaConsumer<String, Object> consumer;
    private final List<ConsumerRecord<String, Object>> records = new ArrayList<>();

    RunbookTopic(Infrastructure infrastructure) {
        KafkaAvroDeserializer values = new KafkaAvroDeserializer();
        values.configure(Map.of("schema.registry.url", infrastructure.schemaRegistryUrl(), "specific.avro.reader", true), false);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "runbooks-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // The registry's binder creates the topic, compacted; a reader must never create it with defaults.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000), new StringDeserializer(), values);
        consumer.subscribe(List.of(TOPIC));
    }

    /** Reads what arrived since the last call; returns the values of one runbook read so far, in order. */
    List<RunbookVersion> poll(String runbookId) {
        for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
            records.add(record);
        }
        return records.stream()
                .filter(record -> record.key().equals(runbookId))
                .map(record -> (RunbookVersion) record.value())
                .toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
