package io.ownwatch.timeline.incident.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;

import io.ownwatch.events.TimelineEvent;
import io.ownwatch.schemas.serde.KafkaAvroDeserializer;
import io.ownwatch.timeline.incident.TimelineEntry;
import io.ownwatch.timeline.rebuild.RebuildProperties;
import io.ownwatch.timeline.rebuild.TimelineSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads {@code incident.timeline.v1} for a rebuild with a consumer of its own: assigned every partition (no group, so
 * the live binding's committed offsets are untouched), from the beginning up to the end offsets captured first.
 */
@Component
class TopicReplay implements TimelineSource {

    private static final Logger log = LoggerFactory.getLogger(TopicReplay.class);

    private final RebuildProperties properties;

    TopicReplay(RebuildProperties properties) {
        this.properties = properties;
    }

    @Override
    public Read replay(Consumer<TimelineEntry> sink) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "incident-timeline-rebuild-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaAvroDeserializer avro = new KafkaAvroDeserializer();
        avro.configure(Map.of("schema.registry.url", properties.schemaRegistryUrl(), "specific.avro.reader", "true"), false);
        long records = 0;
        long undecodable = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(properties.topic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            consumer.seekToBeginning(partitions);
            log.info("Rebuild: replaying {} up to offsets {}", properties.topic(), ends);
            while (!reachedEnds(consumer, ends)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(properties.pollTimeout())) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(partition)) {
                        continue; // arrived after the rebuild started: the live binding records it
                    }
                    records++;
                    TimelineEvent event;
                    try {
                        event = record.value() == null ? null : (TimelineEvent) avro.deserialize(record.topic(), record.value());
                    }
                    catch (RuntimeException ex) {
                        event = null;
                    }
                    if (event == null) {
                        undecodable++;
                        continue;
                    }
                    TimelineEntry entry;
                    try {
                        entry = TimelineEvents.toEntry(event);
                    }
                    catch (RuntimeException ex) {
                        undecodable++;
                        continue;
                    }
                    sink.accept(entry);
                }
            }
        }
        return new Read(records, undecodable);
    }

    private static boolean reachedEnds(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }
}
