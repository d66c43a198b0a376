package io.ownwatch.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.schemas.serde.KafkaAvroDeserializer;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes Avro records onto a topic of the test infrastructure, as the platform's producers would, and reads a topic
 * back from its beginning to the end it had when the read began (a consumer of its own, no group).
 */
public final class AvroTopics {

    private AvroTopics() {
    }

    /**
     * Sends one record in the schema registry's wire format (a null value as a tombstone) and waits for the broker's
     * acknowledgement.
     */
    public static void produce(String topic, String key, Object value) {
        produce(TestInfrastructure.get(), topic, key, value);
    }

    /** The same on that infrastructure (a test's own stack). */
    public static void produce(Infrastructure on, String topic, String key, Object value) {
        // A null value is a tombstone: singletonList, as List.of refuses null.
        produce(on, topic, v -> key, Collections.singletonList(value));
    }

    /** Sends the records in order, each keyed by {@code key}, with one producer, each acknowledged before the next. */
    @SafeVarargs
    public static <V> void produce(String topic, Function<? super V, String> key, V... values) {
        produce(TestInfrastructure.get(), topic, key, List.of(values));
    }

    /** Sends alerts in order, keyed by their dedup key as the ingest keys them. */
    public static void alerts(String topic, AlertEvent... alerts) {
        produce(topic, AlertEvent::getDedupKey, alerts);
    }

    private static <V> void produce(Infrastructure on, String topic, Function<? super V, String> key, List<V> values) {
        try (Producer producer = producer(on)) {
            for (V value : values) {
                producer.send(topic, key.apply(value), value);
            }
        }
    }

    /** A producer that stays open until closed, see {@link Producer}. */
    public static Producer producer(Infrastructure on) {
        return new Producer(on);
    }

    /**
     * A producer of the wire format that stays open: its serializer keeps the schema ids it has learnt, so it sends
     * without asking the schema registry again, as the platform's producers do while the registry's database is down.
     */
    public static final class Producer implements AutoCloseable {

        private final KafkaProducer<String, Object> producer;

        private Producer(Infrastructure on) {
            KafkaAvroSerializer serializer = new KafkaAvroSerializer();
            serializer.configure(Map.of("schema.registry.url", on.schemaRegistryUrl()), false);
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, on.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), serializer);
        }

        /** Sends one record and waits for the broker's acknowledgement. */
        public void send(String topic, String key, Object value) {
            try {
                producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not send to " + topic, e);
            }
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /** Sends bytes as they are (garbage, or a value already encoded), for the dead-letter tests. */
    public static void produceRaw(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** The value in the wire format under the topic's subject, as a producer would send it. */
    public static byte[] encode(String topic, Object value) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", TestInfrastructure.get().schemaRegistryUrl()), false);
        return serializer.serialize(topic, value);
    }

    /** A decoder of the wire format into the generated classes. */
    public static KafkaAvroDeserializer decoder() {
        return decoder(TestInfrastructure.get());
    }

    /** The same on that infrastructure (a test's own stack). */
    public static KafkaAvroDeserializer decoder(Infrastructure on) {
        KafkaAvroDeserializer values = new KafkaAvroDeserializer();
        values.configure(Map.of("schema.registry.url", on.schemaRegistryUrl(), "specific.avro.reader", true), false);
        return values;
    }

    /** The decoded values of the topic's records with this key, in partition order. */
    public static List<Object> values(String topic, String key) {
        return read(topic, decoder()).stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    /**
     * The decoded values with this key once there are that many, then again after a pause that gives a duplicate the
     * chance to show up: fails unless there are exactly {@code expected}.
     */
    public static List<Object> awaitExactly(String topic, String key, int expected, Duration patience) {
        await().atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> values(topic, key).size() >= expected);
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        List<Object> values = values(topic, key);
        assertThat(values).as(topic + " keyed " + key).hasSize(expected);
        return values;
    }

    /** Every record on the topic so far, in partition order. */
    public static <V> List<ConsumerRecord<String, V>> read(String topic, Deserializer<V> values) {
        return read(TestInfrastructure.get(), topic, values);
    }

    /** The same on that infrastructure: a consumer of its own with no group, so reads never disturb anyone. */
    public static <V> List<ConsumerRecord<String, V>> read(Infrastructure on, String topic, Deserializer<V> values) {
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, on.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
