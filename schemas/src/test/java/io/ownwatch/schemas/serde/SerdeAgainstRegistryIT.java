package io.ownwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.TimelineEvent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The serde against a real registry speaking Confluent's REST API and a real Kafka broker. */
class SerdeAgainstRegistryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Infrastructure infrastructure;
    private static String registryUrl;

    @BeforeAll
    static void infrastructure() {
        infrastructure = TestInfrastructure.get();
        registryUrl = infrastructure.schemaRegistryUrl();
    }

    @Test
    void registersUnderTopicValueAndRoundTripsThroughKafka() throws Exception {
        String topic = unique("alerts");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        AlertEvent alert = EventFixtures.alert();

        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProperties())) {
            producer.send(new ProducerRecord<>(topic, alert.getDedupKey(), alert)).get();
        }
        List<ConsumerRecord<String, Object>> received = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerProperties())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }

        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("fp-9f8e7d");
            assertThat(record.value()).isEqualTo(alert);
        });
        JsonNode versions = getJson("/subjects/" + topic + "-value/versions");
        assertThat(versions.isArray()).isTrue();
        assertThat(versions).hasSize(1);
    }

    @Test
    void anIndependentClientDecodesOurBytesWithOnlyTheRestApiAndPlainAvro() throws Exception {
        String topic = unique("incident.timeline");
        TimelineEvent event = EventFixtures.timeline();
        byte[] bytes = serializer(Map.of()).serialize(topic, event);

        // What Confluent's deserializer does: header, then GET /schemas/ids/{id}, then plain Avro.
        assertThat(bytes[0]).isEqualTo((byte) 0);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        Schema writer = new Schema.Parser().parse(getJson("/schemas/ids/" + id).get("schema").asText());
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));

        assertThat(decoded.get("incidentId")).hasToString("inc-42");
        assertThat(decoded.get("sequence")).isEqualTo(2L);
        assertThat(decoded.get("type")).hasToString("OWNER_RESOLVED");
        assertThat(decoded.get("occurredAt")).isEqualTo(EventFixtures.T0.toEpochMilli());
        assertThat(((GenericRecord) decoded.get("actor")).get("id")).hasToString("alert-router");
        JsonNode latest = getJson("/subjects/" + topic + "-value/versions/latest");
        assertThat(latest.get("id").asInt()).isEqualTo(id);
        assertThat(latest.get("subject").asText()).isEqualTo(topic + "-value");
    }

    @Test
    void everyEventTypeRoundTripsThroughTheRegistryWithFreshClients() {
        for (SpecificRecord event : EventFixtures.everyEventType()) {
            String topic = unique(event.getSchema().getName());
            byte[] bytes = serializer(Map.of()).serialize(topic, event);

            // A fresh deserializer has an empty cache, so the writer schema really comes from the registry.
            KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
            deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl,
                    AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);

            assertThat(deserializer.deserialize(topic, bytes)).isEqualTo(event);
        }
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaFailsClearly() {
        String topic = unique("remediation.requests");
        KafkaAvroSerializer serializer = serializer(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false));

        assertThatThrownBy(() -> serializer.serialize(topic, EventFixtures.remediationRequest()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("is not registered under subject " + topic + "-value")
                .hasMessageContaining(registryUrl)
                .hasMessageContaining("auto.register.schemas=false");
    }

    @Test
    void withoutAutoRegistrationAPreviouslyRegisteredSchemaIsUsed() {
        String topic = unique("remediation.results");
        byte[] registered = serializer(Map.of()).serialize(topic, EventFixtures.remediationResult());

        byte[] looked = serializer(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false))
                .serialize(topic, EventFixtures.remediationResult());
        byte[] latest = serializer(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                AvroSerdeConfig.USE_LATEST_VERSION, true)).serialize(topic, EventFixtures.remediationResult());

        assertThat(looked).isEqualTo(registered);
        assertThat(latest).isEqualTo(registered);
    }

    @Test
    void anIdTheRegistryDoesNotKnowFailsNamingTheIdAndTheRegistry() {
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        byte[] unknownId = {0, 0x7f, 0, 0, 1, 2, 'x'};

        assertThatThrownBy(() -> deserializer.deserialize("alerts.v1", unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id " + 0x7f000001)
                .hasMessageContaining(registryUrl);
    }

    private static KafkaAvroSerializer serializer(Map<String, Object> extra) {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        Map<String, Object> configs = new java.util.HashMap<>(extra);
        configs.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        serializer.configure(configs, false);
        return serializer;
    }

    private static Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class);
        properties.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        return properties;
    }

    private static Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, unique("schemas-it"));
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, KafkaAvroDeserializer.class);
        properties.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        properties.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
        return properties;
    }

    private static JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registryUrl + path))
                .header("Accept", "application/vnd.schemaregistry.v1+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String unique(String prefix) {
        return prefix + ".it-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
