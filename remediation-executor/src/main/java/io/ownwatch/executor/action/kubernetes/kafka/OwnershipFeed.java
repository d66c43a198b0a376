package io.ownwatch.executor.action.kubernetes.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.executor.action.ActionProperties;
import io.ownwatch.executor.action.kubernetes.OwnershipScopes;
import io.ownwatch.schemas.serde.KafkaAvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@code ownership.v1} from offset 0 into the {@link OwnershipScopes}, then follows it. No consumer group and
 * no committed offsets: every executor instance holds the whole view, and a restart rebuilds it from the compacted
 * topic. Nothing waits for it at start: until a service is read, its Kubernetes steps are refused, never let through.
 */
@Component
class OwnershipFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OwnershipFeed.class);

    private final OwnershipScopes scopes;
    private final ActionProperties.Ownership settings;
    private final Map<String, Object> consumerConfig;
    private volatile KafkaConsumer<String, Object> consumer;
    private volatile Thread thread;

    OwnershipFeed(OwnershipScopes scopes, ActionProperties properties,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${schema.registry.url:http://localhost:8081}") String schemaRegistryUrl) {
        this.scopes = scopes;
        this.settings = properties.ownership();
        this.consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // The registry creates the topic, compacted; a reader must never create it first.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "remediation-executor-ownership-view",
                "schema.registry.url", schemaRegistryUrl,
                "specific.avro.reader", true);
    }

    @Override
    public void start() {
        // Deserializer instances handed to the consumer are not configured by it.
        KafkaAvroDeserializer values = new KafkaAvroDeserializer();
        values.configure(consumerConfig, false);
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), values);
        thread = new Thread(this::run, "executor-ownership-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        KafkaConsumer<String, Object> kafka = consumer;
        try (kafka) {
            List<TopicPartition> partitions = awaitPartitions(kafka);
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = null;
            Instant nextCheck = Instant.EPOCH;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (end == null && !Instant.now().isBefore(nextCheck)) {
                        nextCheck = Instant.now().plus(settings.confirmEvery());
                        end = new HashMap<>(kafka.endOffsets(partitions, Duration.ofSeconds(5)));
                    }
                    poll(kafka);
                    if (end != null && end.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                        scopes.caughtUp();
                        end = null;
                    }
                }
                catch (org.apache.kafka.common.errors.TimeoutException ex) {
                    log.debug("Executor ownership feed: {}", ex.getMessage());
                    end = null;
                }
            }
        }
        catch (WakeupException | InterruptException | InterruptedException ex) {
            // stop() asked.
        }
        catch (RuntimeException ex) {
            log.error("The executor's ownership feed failed; Kubernetes steps of services it has not read are refused", ex);
        }
    }

    /** The topic's partitions, once the registry has created it; until then no service is known. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, Object> kafka) throws InterruptedException {
        while (true) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(settings.topic(), Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                }
            }
            catch (org.apache.kafka.common.errors.TimeoutException ex) {
                log.debug("Broker not reachable while looking up {}", settings.topic());
            }
            Thread.sleep(Math.min(1000, settings.confirmEvery().toMillis()));
        }
    }

    private void poll(KafkaConsumer<String, Object> kafka) {
        try {
            for (ConsumerRecord<String, Object> record : kafka.poll(Duration.ofMillis(500))) {
                if (record.key() == null) {
                    continue;
                }
                if (record.value() == null || record.value() instanceof ServiceOwnership) {
                    scopes.apply(record.key(), (ServiceOwnership) record.value());
                }
                else {
                    log.warn("Skipping {}@{}: not a ServiceOwnership but {}", record.partition(), record.offset(),
                            record.value().getClass().getName());
                }
            }
        }
        catch (RecordDeserializationException ex) {
            // One unreadable record must not blind the executor to every later change.
            log.warn("Skipping undecodable record {}@{} of {}: {}", ex.topicPartition(), ex.offset(),
                    settings.topic(), ex.getMessage());
            kafka.seek(ex.topicPartition(), ex.offset() + 1);
        }
    }

    @Override
    public void stop() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
            consumer.wakeup();
            try {
                running.join(10_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
