package io.ownwatch.router.ownership.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.router.ownership.OwnershipProperties;
import io.ownwatch.router.ownership.OwnershipView;
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
 * Reads {@code ownership.v1} from the beginning into the {@link OwnershipView} on start, then follows
 * it. No consumer group and no committed offsets: every router instance holds the whole view, and a
 * restart rebuilds it from the compacted topic. Start-up waits (at most {@code confirmEvery}) for the
 * view to catch up, so that the first alerts after a start already find their owners locally.
 *
 * <p>Every {@code confirmEvery} the feed measures the topic's end offsets again; when it has read up to
 * them the view is confirmed current. While the broker is unreachable that measurement fails, the
 * confirmation ages, and the view turns stale: the resolver then prefers the registry.
 */
@Component
class OwnershipFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OwnershipFeed.class);

    private final OwnershipView view;
    private final OwnershipProperties.View settings;
    private final Map<String, Object> consumerConfig;
    private volatile KafkaConsumer<String, Object> consumer;
    private volatile Thread thread;
    private final CountDownLatch firstCatchUp = new CountDownLatch(1);

    OwnershipFeed(OwnershipView view, OwnershipProperties properties,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${schema.registry.url}") String schemaRegistryUrl) {
        this.view = view;
        this.settings = properties.view();
        this.consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // The registry creates the topic, compacted; a reader must never create it first.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "alert-router-ownership-view",
                "schema.registry.url", schemaRegistryUrl,
                "specific.avro.reader", true);
    }

    @Override
    public void start() {
        // Deserializer instances handed to the consumer are not configured by it.
        KafkaAvroDeserializer values = new KafkaAvroDeserializer();
        values.configure(consumerConfig, false);
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), values);
        thread = new Thread(this::run, "ownership-view-feed");
        thread.setDaemon(true);
        thread.start();
        try {
            if (!firstCatchUp.await(settings.confirmEvery().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The ownership view has not caught up with {} within {}; the registry answers until it has",
                        settings.topic(), settings.confirmEvery());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        KafkaConsumer<String, Object> kafka = consumer;
        try (kafka) {
            List<TopicPartition> partitions = awaitPartitions(kafka);
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> target = null;
            Instant nextCheck = Instant.EPOCH;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (target == null && !Instant.now().isBefore(nextCheck)) {
                        nextCheck = Instant.now().plus(settings.confirmEvery());
                        target = new HashMap<>(kafka.endOffsets(partitions, Duration.ofSeconds(5)));
                    }
                    poll(kafka);
                    if (target != null && reached(kafka, target)) {
                        view.confirmCurrent();
                        firstCatchUp.countDown();
                        target = null;
                    }
                }
                catch (org.apache.kafka.common.errors.TimeoutException ex) {
                    // The broker is away: the confirmation ages and the view turns stale; keep trying.
                    log.debug("Ownership view feed: {}", ex.getMessage());
                    target = null;
                }
            }
        }
        catch (WakeupException | InterruptException | InterruptedException ex) {
            // stop() asked.
        }
        catch (RuntimeException ex) {
            log.error("The ownership view feed failed; the registry answers every look-up from now on", ex);
        }
    }

    /**
     * The topic's partitions, once it exists. Until the registry first publishes there is no topic and
     * nothing to know, so an empty view is the current one; while the broker is away, nothing is confirmed.
     */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, Object> kafka) throws InterruptedException {
        while (true) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(settings.topic(), Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                }
                view.confirmCurrent();
                firstCatchUp.countDown();
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
                    view.apply(record.key(), (ServiceOwnership) record.value());
                }
                else {
                    log.warn("Skipping {}@{}: not a ServiceOwnership but {}", record.partition(), record.offset(),
                            record.value().getClass().getName());
                }
            }
        }
        catch (RecordDeserializationException ex) {
            // One unreadable record must not blind the router to every later change.
            log.warn("Skipping undecodable record {}@{} of {}: {}", ex.topicPartition(), ex.offset(),
                    settings.topic(), ex.getMessage());
            kafka.seek(ex.topicPartition(), ex.offset() + 1);
        }
    }

    private static boolean reached(KafkaConsumer<String, Object> kafka, Map<TopicPartition, Long> target) {
        return target.entrySet().stream().allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
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

    /** Before the bindings that consume alerts start, after they stop. */
    @Override
    public int getPhase() {
        return 0;
    }
}
