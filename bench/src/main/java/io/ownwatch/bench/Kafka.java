package io.ownwatch.bench;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.Severity;
import io.ownwatch.schemas.serde.KafkaAvroDeserializer;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The platform's broker and schema registry as the benchmarks use them. */
record Kafka(String bootstrapServers, String schemaRegistryUrl) {

    KafkaProducer<String, Object> alertProducer() {
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(Map.of("schema.registry.url", schemaRegistryUrl), false);
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), values);
    }

    KafkaConsumer<String, Object> avroConsumer() {
        KafkaAvroDeserializer values = new KafkaAvroDeserializer();
        values.configure(Map.of("schema.registry.url", schemaRegistryUrl, "specific.avro.reader", true), false);
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values);
    }

    Admin admin() {
        return Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** How many records of {@code topic} the consumer group has not committed yet. */
    static long lag(Admin admin, String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            lag += ends.get(partition) - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    /**
     * A firing warning. The router groups alerts by service and alertname: alerts sharing both (a storm) become one
     * incident, an alertname of its own opens an incident of its own.
     *
     * @param service a service of the sample ownership (checkout) is owned from the router's local view; another
     *        one is looked up in the registry for every incident it opens
     */
    static AlertEvent alert(String dedupKey, String service, String alertname, Instant now) {
        return AlertEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setDedupKey(dedupKey).setSource(AlertSource.KAFKA)
                .setStatus(AlertStatus.FIRING).setSeverity(Severity.WARNING).setSummary("benchmark alert " + dedupKey)
                .setLabels(Map.of("service", service, "alertname", alertname, "instance", dedupKey))
                .setAnnotations(Map.of()).setStartsAt(now).setEndsAt(null).setReceivedAt(now)
                .setGeneratorUrl(null).setIntegrationId(null)
                .build();
    }
}
