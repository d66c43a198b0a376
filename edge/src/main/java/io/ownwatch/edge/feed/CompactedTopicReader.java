package io.ownwatch.edge.feed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a compacted topic from offset 0 into a {@link FeedListener}, then follows it, on a thread of its own. No
 * consumer group and no committed offsets: every instance of a service holds the whole view, and a restart rebuilds
 * it from the topic.
 *
 * <p>Every {@code confirmEvery} the reader measures the topic's end offsets; when it has read up to them it tells the
 * listener and notes the time ({@link #confirmedAt()}). While the broker is unreachable the measurement fails and no
 * confirmation comes, so a view that ages its last confirmation can tell it may be behind. A topic that does not
 * exist yet holds nothing, so an empty view is confirmed current until it appears.
 *
 * <p>One undecodable record, or a value of another type than expected, is skipped with a warning: it must not blind
 * the view to every later change.
 *
 * <p>A listener that throws (a view written to a database that is away, say) is handed the same record again after a
 * back-off that doubles from {@link FeedSettings#retryInitial()} up to {@link FeedSettings#retryMax()}, and the
 * reader carries on from there once it succeeds: every record is handed over, in order, and none twice after it
 * succeeded. Meanwhile nothing is confirmed, since the view is behind the topic: it looks stale, not current
 * ({@link #failingSince()} says since when).
 *
 * @param <V> the value type the listener expects
 */
public final class CompactedTopicReader<V> {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final String CONFIRMATION = "the confirmation";

    private final FeedSettings settings;
    private final Supplier<? extends Deserializer<?>> values;
    private final Class<V> valueType;
    private final FeedListener<V> listener;
    private final Clock clock;
    private final CountDownLatch firstConfirmation = new CountDownLatch(1);
    private volatile KafkaConsumer<String, ?> consumer;
    private volatile Thread thread;
    private volatile Instant confirmedAt;
    private volatile Instant failingSince;
    /** What the listener failed on last ("topic-partition@offset" or "the confirmation"), with how often in a row. */
    private String failing;
    private int failures;

    /**
     * @param values    makes the value deserializer, already configured (a consumer does not configure deserializer
     *                  instances handed to it); called once per {@link #start()}, as stopping closes it
     * @param valueType values of other types are skipped
     * @param clock     the clock of {@link #confirmedAt()}
     */
    public CompactedTopicReader(FeedSettings settings, Supplier<? extends Deserializer<?>> values, Class<V> valueType,
            FeedListener<V> listener, Clock clock) {
        this.settings = settings;
        this.values = values;
        this.valueType = valueType;
        this.listener = listener;
        this.clock = clock;
    }

    /** Starts reading on a daemon thread named after the client id; returns at once. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // The topic's owner creates it, compacted; a reader must never create it first.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        KafkaConsumer<String, ?> created = consumer(config, values.get());
        consumer = created;
        Thread reading = new Thread(() -> run(created), settings.clientId());
        reading.setDaemon(true);
        thread = reading;
        reading.start();
    }

    /**
     * Waits until the reader first confirms the view current.
     *
     * @return whether it did within the timeout
     */
    public boolean awaitConfirmed(Duration timeout) throws InterruptedException {
        return firstConfirmation.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** When the reader last confirmed it had read the topic to its end, if ever. */
    public Optional<Instant> confirmedAt() {
        return Optional.ofNullable(confirmedAt);
    }

    /** Stops reading and closes the consumer; waits for the thread (at most 10 s). */
    public synchronized void stop() {
        Thread running = thread;
        if (running == null) {
            return;
        }
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

    /**
     * Since when the listener has been failing on the record the reader hands it over and over, if it is failing:
     * the view is behind the topic from that record on.
     */
    public Optional<Instant> failingSince() {
        return Optional.ofNullable(failingSince);
    }

    public boolean isRunning() {
        return thread != null;
    }

    private void run(KafkaConsumer<String, ?> kafka) {
        try {
            List<TopicPartition> partitions = awaitPartitions(kafka);
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> target = null;
            Instant nextCheck = Instant.EPOCH;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (target == null && !Instant.now().isBefore(nextCheck)) {
                        nextCheck = Instant.now().plus(settings.confirmEvery());
                        target = new HashMap<>(kafka.endOffsets(partitions, REQUEST_TIMEOUT));
                    }
                    poll(kafka);
                    if (target != null && reached(kafka, target)) {
                        confirm();
                        target = null;
                    }
                }
                catch (TimeoutException ex) {
                    // The broker is away: no confirmation comes, the last one ages; keep trying.
                    log.debug("Reading {}: {}", settings.topic(), ex.getMessage());
                    target = null;
                }
                catch (ListenerFailed ex) {
                    // The position is back at the record that failed: no confirmation until it is handed over.
                    backOff(ex);
                }
            }
        }
        catch (WakeupException | InterruptException | InterruptedException ex) {
            // stop() asked.
        }
        catch (RuntimeException ex) {
            log.error("Reading {} failed; the view fed from it is no longer confirmed", settings.topic(), ex);
        }
        finally {
            // The interrupt that stopped the loop would otherwise abort the consumer's orderly close.
            Thread.interrupted();
            kafka.close(CloseOptions.timeout(REQUEST_TIMEOUT));
        }
    }

    /** The topic's partitions, once it exists; until then there is nothing to read, so the empty view is current. */
    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, ?> kafka) throws InterruptedException {
        while (true) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(settings.topic(), REQUEST_TIMEOUT);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                }
                confirm();
            }
            catch (TimeoutException ex) {
                log.debug("Broker not reachable while looking up {}", settings.topic());
            }
            catch (ListenerFailed ex) {
                backOff(ex);
                continue;
            }
            Thread.sleep(Math.min(1000, settings.confirmEvery().toMillis()));
        }
    }

    private void poll(KafkaConsumer<String, ?> kafka) {
        ConsumerRecords<String, ?> records;
        try {
            records = kafka.poll(Duration.ofMillis(500));
        }
        catch (RecordDeserializationException ex) {
            log.warn("Skipping undecodable record {}@{}: {}", ex.topicPartition(), ex.offset(), ex.getMessage());
            kafka.seek(ex.topicPartition(), ex.offset() + 1);
            return;
        }
        List<TopicPartition> partitions = new ArrayList<>(records.partitions());
        for (int p = 0; p < partitions.size(); p++) {
            TopicPartition partition = partitions.get(p);
            for (ConsumerRecord<String, ?> record : records.records(partition)) {
                try {
                    handOver(record);
                }
                catch (RuntimeException ex) {
                    // Back to the first record of each partition not handed over: this one, and the whole of the
                    // partitions not started; what was handed over is not handed over again.
                    kafka.seek(partition, record.offset());
                    for (TopicPartition later : partitions.subList(p + 1, partitions.size())) {
                        kafka.seek(later, records.records(later).get(0).offset());
                    }
                    throw new ListenerFailed(where(record), ex);
                }
            }
        }
    }

    private void handOver(ConsumerRecord<String, ?> record) {
        if (record.key() == null) {
            return;
        }
        Object value = record.value();
        if (value == null || valueType.isInstance(value)) {
            listener.apply(record.key(), valueType.cast(value));
            if (failures > 0) {
                succeeded(where(record));
            }
        }
        else {
            log.warn("Skipping {}-{}@{}: not a {} but {}", record.topic(), record.partition(), record.offset(),
                    valueType.getName(), value.getClass().getName());
        }
    }

    private void confirm() {
        try {
            listener.confirmed();
        }
        catch (RuntimeException ex) {
            throw new ListenerFailed(CONFIRMATION, ex);
        }
        succeeded(CONFIRMATION);
        confirmedAt = clock.instant();
        firstConfirmation.countDown();
    }

    /**
     * The back-off starts over once what failed is taken; records of other partitions taken meanwhile do not count,
     * the view is still behind.
     */
    private void succeeded(String what) {
        if (failures > 0 && what.equals(failing)) {
            log.info("The listener of {} took {} after {} failed attempts since {}", settings.topic(), what, failures,
                    failingSince);
            failing = null;
            failures = 0;
            failingSince = null;
        }
    }

    private static String where(ConsumerRecord<String, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** Waits before handing over again what failed, a little longer after each failure in a row. */
    private void backOff(ListenerFailed failure) throws InterruptedException {
        failing = failure.getMessage();
        failures++;
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        Duration wait = settings.retryAfter(failures);
        log.warn("The listener of {} failed on {} ({} in a row); handing it over again in {} ms", settings.topic(),
                failure.getMessage(), failures, wait.toMillis(), failure.getCause());
        Thread.sleep(wait.toMillis());
    }

    /** The listener threw on what the reader handed it over; the reader hands it over again after a back-off. */
    private static final class ListenerFailed extends RuntimeException {
        ListenerFailed(String what, RuntimeException cause) {
            super(what, cause);
        }
    }

    private static <T> KafkaConsumer<String, T> consumer(Map<String, Object> config, Deserializer<T> deserializer) {
        return new KafkaConsumer<>(config, new StringDeserializer(), deserializer);
    }

    private static boolean reached(KafkaConsumer<String, ?> kafka, Map<TopicPartition, Long> target) {
        return target.entrySet().stream().allMatch(end -> kafka.position(end.getKey()) >= end.getValue());
    }
}
