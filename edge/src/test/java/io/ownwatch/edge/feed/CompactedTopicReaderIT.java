package io.ownwatch.edge.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
