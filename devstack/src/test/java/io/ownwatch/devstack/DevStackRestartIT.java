package io.ownwatch.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the stack and starting a new one on the same directory must lose nothing. */
class DevStackRestartIT {

    private static final String TOPIC = "restart.v1";
    private static final String GROUP = "restart-consumer";
    private static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Restarted\",\"namespace\":\"io.ownwatch.test\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDirectory;

    @Test
    void keepsRecordsOffsetsRowsAndSchemasAcrossARestart() throws Exception {
        String schemaId;
        try (DevStack first = DevStack.builder().dataDirectory(dataDirectory).start()) {
            produce(first, "one", "two", "three");
            assertThat(consume(first, GROUP, 2)).containsExactly("one", "two");
            try (Connection connection = connect(first); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE incident (id text PRIMARY KEY)");
                statement.execute("INSERT INTO incident VALUES ('INC-1')");
            }
            schemaId = register(first, "restart.v1-value");
        }

        assertThat(Files.isDirectory(dataDirectory.resolve("kafka"))).isTrue();
        assertThat(Files.isDirectory(dataDirectory.resolve("postgres"))).isTrue();

        try (DevStack second = DevStack.builder().dataDirectory(dataDirectory).start()) {
            assertThat(consume(second, GROUP, 1)).as("the committed offset survived").containsExactly("three");
            assertThat(consume(second, "fresh-consumer", 3)).as("the records survived").containsExactly("one", "two", "three");
            try (Connection connection = connect(second); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT id FROM incident")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("INC-1");
            }
            HttpResponse<String> byId = http.send(HttpRequest.newBuilder(URI.create(second.schemaRegistryUrl() + "/schemas/ids/" + schemaId)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(byId.statusCode()).isEqualTo(200);
            assertThat(byId.body()).contains("Restarted");
            assertThat(register(second, "restart.v1-value")).as("same schema, same id").isEqualTo(schemaId);
        }
    }

    private static void produce(DevStack stack, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                // One key, so one partition and a defined order.
                producer.send(new ProducerRecord<>(TOPIC, "key", value)).get();
            }
        }
    }

    /** Reads {@code count} records from the group's committed position, commits, and stops. */
    private static List<String> consume(DevStack stack, String group, int count) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                    consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        }
        return values;
    }

    private static Connection connect(DevStack stack) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl("restart"), stack.databaseUsername(), stack.databasePassword());
    }

    private String register(DevStack stack, String subject) throws Exception {
        String body = "{\"schema\": " + JSON.writeValueAsString(SCHEMA) + "}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).get("id").asText();
    }
}
