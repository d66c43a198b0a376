package io.ownwatch.edge.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reader on the devstack's real broker, with plain string values: it knows no contract. */
class CompactedTopicReaderIT {

    private static final String BROKERS = TestInfrastructure.get().kafkaBootstrapServers();
    private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    private final Map<String, String> view = new ConcurrentHashMap<>();
    private final AtomicInteger confirmations = new AtomicInteger();
    private final FeedListener<String> listener = FeedListener.of(
            (key, value) -> {
                if (value == null) {
                    view.remove(key);
                }
                else {
                    view.put(key, value);
                }
            },
            confirmations::incrementAndGet);
    private CompactedTopicReader<String> reader;

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.stop();
        }
    }

    private static String compactedTopic() throws Exception {
        String topic = "feed-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get();
        }
        return topic;
    }

    private static void publish(String topic, String key, String value) throws Exception {
        publish(topic, null, key, value);
    }

    private static void publish(String topic, Integer partition, String key, String value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, key,
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private CompactedTopicReader<String> reader(String topic, Supplier<? extends Deserializer<?>> values) {
        reader = new CompactedTopicReader<>(new FeedSettings(topic, BROKERS, "feed-test-" + topic, Duration.ofMillis(200)),
                values, String.class, listener, Clock.fixed(NOW, ZoneOffset.UTC));
        return reader;
    }

    @Test
    void readsTheTopicFromOffsetZeroAppliesTombstonesAndConfirms() throws Exception {
        String topic = compactedTopic();
        publish(topic, "billing", "payments");
        publish(topic, "login", "identity");
        publish(topic, "billing", null);
        publish(topic, "search", "discovery");

        reader(topic, StringDeserializer::new).start();

        assertThat(reader.awaitConfirmed(Duration.ofSeconds(30))).isTrue();
        assertThat(view).containsExactlyInAnyOrderEntriesOf(Map.of("login", "identity", "search", "discovery"));
        assertThat(reader.confirmedAt()).contains(NOW);
        assertThat(reader.isRunning()).isTrue();
    }

    @Test
    void followsTheTopicAfterCatchingUpAndKeepsConfirming() throws Exception {
        String topic = compactedTopic();
        reader(topic, StringDeserializer::new).start();
        assertThat(reader.awaitConfirmed(Duration.ofSeconds(30))).isTrue();
        assertThat(view).isEmpty();

        publish(topic, "billing", "payments");
        publish(topic, "login", "identity");
        publish(topic, "login", null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(view).containsExactlyEntriesOf(Map.of("billing", "payments")));
        int seen = confirmations.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmations.get() > seen);
    }

    @Test
    void confirmsTheEmptyViewWhileTheTopicDoesNotExistAndNeverCreatesIt() throws Exception {
        String topic = "feed-absent-" + UUID.randomUUID();
        reader(topic, StringDeserializer::new).start();

        assertThat(reader.awaitConfirmed(Duration.ofSeconds(30))).isTrue();
        assertThat(view).isEmpty();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKERS))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    @Test
    void skipsAnUndecodableRecordAndReadsOn() throws Exception {
        Deserializer<String> strict = (ignored, data) -> {
            String text = new String(data, StandardCharsets.UTF_8);
            if (text.startsWith("\u0000")) {
                throw new IllegalArgumentException("not a value of this topic");
            }
            return text;
        };
        readsAroundAMiddleRecord("\u0000garbage", () -> strict);
    }

    @Test
    void skipsValuesOfAnotherTypeAndReadsOn() throws Exception {
        Deserializer<Object> mixed = (ignored, data) -> {
            String text = new String(data, StandardCharsets.UTF_8);
            return text.chars().allMatch(Character::isDigit) ? (Object) Integer.valueOf(text) : text;
        };
        readsAroundAMiddleRecord("42", () -> mixed);
    }

    /** A record the listener must not see, between two it must see, in one partition. */
    private void readsAroundAMiddleRecord(String middle, Supplier<? extends Deserializer<?>> values) throws Exception {
        String topic = compactedTopic();
        publish(topic, 0, "billing", "payments");
        publish(topic, 0, "odd", middle);
        publish(topic, 0, "login", "identity");

        reader(topic, values).start();

        assertThat(reader.awaitConfirmed(Duration.ofSeconds(30))).isTrue();
        assertThat(view).containsExactlyInAnyOrderEntriesOf(Map.of("billing", "payments", "login", "identity"));
    }

    @Test
    void handsEveryRecordOverInOrderToAListenerThatFailsAndStaysAlive() throws Exception {
        String topic = compactedTopic();
        publish(topic, 0, "a1", "1");
        publish(topic, 0, "a2", "2");
        publish(topic, 0, "a3", "3");
        publish(topic, 1, "b1", "1");
        publish(topic, 1, "b2", "2");
        List<String> handedOver = new CopyOnWriteArrayList<>();
        AtomicInteger attemptsOfA2 = new AtomicInteger();
        AtomicInteger attemptsOfB2 = new AtomicInteger();
        FeedListener<String> failing = FeedListener.of((key, value) -> {
            // Each fails three times before it is taken, as a view whose database is away for a moment.
            if (key.equals("a2") && attemptsOfA2.incrementAndGet() <= 3
                    || key.equals("b2") && attemptsOfB2.incrementAndGet() <= 3) {
                throw new IllegalStateException("database away");
            }
            handedOver.add(key);
        }, confirmations::incrementAndGet);
        reader = new CompactedTopicReader<>(new FeedSettings(topic, BROKERS, "feed-test-" + topic, Duration.ofMillis(200),
                Duration.ofMillis(20), Duration.ofMillis(100)), StringDeserializer::new, String.class, failing,
                Clock.systemUTC());
        reader.start();

        assertThat(reader.awaitConfirmed(Duration.ofSeconds(30))).isTrue();
        assertThat(handedOver).containsExactlyInAnyOrder("a1", "a2", "a3", "b1", "b2");
        assertThat(handedOver.stream().filter(key -> key.startsWith("a")).toList()).containsExactly("a1", "a2", "a3");
        assertThat(handedOver.stream().filter(key -> key.startsWith("b")).toList()).containsExactly("b1", "b2");
        assertThat(attemptsOfA2).hasValue(4);
        assertThat(attemptsOfB2).hasValue(4);
        assertThat(reader.failingSince()).isEmpty();
        assertThat(reader.isRunning()).isTrue();

        publish(topic, 0, "a4", "4");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(handedOver).endsWith("a4"));
    }

    @Test
    void looksStaleNotCurrentWhileTheListenerFailsAndCurrentAgainOnceItTakesTheRecord() throws Exception {
        String topic = compactedTopic();
        publish(topic, 0, "billing", "payments");
        MovingClock clock = new MovingClock(NOW);
        AtomicBoolean databaseAway = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        FeedListener<String> flaky = FeedListener.of((key, value) -> {
            if (databaseAway.get()) {
                failures.incrementAndGet();
                throw new IllegalStateException("database away");
            }
            view.put(key, value);
        }, confirmations::incrementAndGet);
        reader = new CompactedTopicReader<>(new FeedSettings(topic, BROKERS, "feed-test-" + topic, Duration.ofMillis(100),
                Duration.ofMillis(10), Duration.ofMillis(50)), StringDeserializer::new, String.class, flaky, clock);
        reader.start();
        assertThat(reader.awaitConfirmed(Duration.ofSeconds(30))).isTrue();
        assertThat(reader.confirmedAt()).contains(NOW);

        databaseAway.set(true);
        clock.set(NOW.plusSeconds(60));
        publish(topic, 0, "login", "identity");
        // Many attempts, each one past a confirmation interval: a reader that confirmed past the failing record
        // would have done so by now.
        await().atMost(Duration.ofSeconds(30)).until(() -> failures.get() >= 10);
        int confirmedWhileFailing = confirmations.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> failures.get() >= 20);
        assertThat(confirmations.get()).isEqualTo(confirmedWhileFailing);
        assertThat(reader.confirmedAt()).as("stale: confirmed before the failing record only").contains(NOW);
        assertThat(reader.failingSince()).contains(NOW.plusSeconds(60));
        assertThat(view).doesNotContainKey("login");
        assertThat(reader.isRunning()).isTrue();

        clock.set(NOW.plusSeconds(120));
        databaseAway.set(false);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(view).containsEntry("login", "identity");
            assertThat(reader.confirmedAt()).contains(NOW.plusSeconds(120));
            assertThat(reader.failingSince()).isEmpty();
        });
    }

    @Test
    void retriesAConfirmationTheListenerFailsOn() throws Exception {
        String topic = compactedTopic();
        publish(topic, "billing", "payments");
        AtomicInteger attempts = new AtomicInteger();
        FeedListener<String> failingConfirmation = FeedListener.of(view::put, () -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new IllegalStateException("database away");
            }
            confirmations.incrementAndGet();
        });
        reader = new CompactedTopicReader<>(new FeedSettings(topic, BROKERS, "feed-test-" + topic, Duration.ofMillis(200),
                Duration.ofMillis(20), Duration.ofMillis(100)), StringDeserializer::new, String.class,
                failingConfirmation, Clock.fixed(NOW, ZoneOffset.UTC));
        reader.start();

        assertThat(reader.awaitConfirmed(Duration.ofSeconds(30))).isTrue();
        assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
        assertThat(confirmations.get()).isPositive();
        assertThat(view).containsEntry("billing", "payments");
        assertThat(reader.isRunning()).isTrue();
    }

    @Test
    void refusesABackOffThatShrinks() {
        assertThatThrownBy(() -> new FeedSettings("t", BROKERS, "c", Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryMax");
        assertThatThrownBy(() -> new FeedSettings("t", BROKERS, "c", Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryInitial");
        FeedSettings settings = new FeedSettings("t", BROKERS, "c", Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofMillis(1000));
        assertThat(List.of(1, 2, 3, 4, 5, 40).stream().map(settings::retryAfter).toList()).containsExactly(
                Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
                Duration.ofMillis(1000), Duration.ofMillis(1000));
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void stopsCleanlyAndCanStartAgain() throws Exception {
        String topic = compactedTopic();
        publish(topic, "billing", "payments");
        reader(topic, StringDeserializer::new).start();
        assertThat(reader.awaitConfirmed(Duration.ofSeconds(30))).isTrue();

        reader.stop();
        assertThat(reader.isRunning()).isFalse();
        publish(topic, "login", "identity");
        view.clear();
        reader.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(view).containsExactlyInAnyOrderEntriesOf(Map.of("billing", "payments", "login", "identity")));
    }
}
