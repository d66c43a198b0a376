package io.ownwatch.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.ownwatch.devstack.DevStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outage switch other modules' fault-injection tests rely on behaves like a real broker outage. */
class KafkaOutageIT {

    @TempDir
    Path dataDirectory;

    @Test
    void aStoppedBrokerRefusesWritesAndComesBackOnTheSamePortWithItsData() throws Exception {
        try (DevStack stack = DevStack.builder().dataDirectory(dataDirectory).start();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                     ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                     ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2000),
                     new StringSerializer(), new StringSerializer())) {
            String bootstrap = stack.kafkaBootstrapServers();
            producer.send(new ProducerRecord<>("outage.v1", "k", "before")).get(30, TimeUnit.SECONDS);

            stack.stopKafka();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("outage.v1", "k", "during")).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);

            stack.startKafka();
            assertThat(stack.kafkaBootstrapServers()).isEqualTo(bootstrap);
            producer.send(new ProducerRecord<>("outage.v1", "k", "after")).get(30, TimeUnit.SECONDS);

            assertThat(readAll(stack.kafkaBootstrapServers(), 2)).containsExactly("before", "after");
        }
    }

    private static List<String> readAll(String bootstrap, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "outage-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("outage.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }
}
