package io.ownwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.Severity;
import io.ownwatch.schemas.registry.InMemorySchemaRegistryClient;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaAvroSerdeTest {

    private static final String TOPIC = "alerts.v1";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void writesMagicByteThenBigEndianSchemaIdThenPlainAvroBody() throws IOException {
        InMemorySchemaRegistryClient registryWithLargeIds = new InMemorySchemaRegistryClient(0x01020304);
        AlertEvent alert = EventFixtures.alert();

        byte[] bytes = new KafkaAvroSerializer(registryWithLargeIds, Map.of()).serialize(TOPIC, alert);

        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0x00, 0x01, 0x02, 0x03, 0x04);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(alert));
    }

    @Test
    void registersValuesUnderTopicValueAndKeysUnderTopicKey() {
        KafkaAvroSerializer keySerializer = new KafkaAvroSerializer(registry);
        keySerializer.configure(Map.of(), true);

        new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, EventFixtures.alert());
        keySerializer.serialize("ownership.v1", "svc-checkout");

        assertThat(registry.subjects()).containsExactlyInAnyOrder("alerts.v1-value", "ownership.v1-key");
    }

    static List<SpecificRecord> everyEventType() {
        return EventFixtures.everyEventType();
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void roundTripsEveryEventTypeAsItsGeneratedClass(SpecificRecord event) {
        byte[] bytes = new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, event);

        Object decoded = specificDeserializer().deserialize(TOPIC, bytes);

        assertThat(decoded).isInstanceOf(event.getClass()).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void roundTripsEveryEventTypeAsGenericRecordByDefault(SpecificRecord event) {
        byte[] bytes = new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, event);

        GenericRecord generic = (GenericRecord) new KafkaAvroDeserializer(registry, Map.of()).deserialize(TOPIC, bytes);
        // Re-encoding the generic record must give the same event back: nothing was lost or reinterpreted.
        byte[] again = new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, generic);

        assertThat(generic.getSchema().getFullName()).isEqualTo(event.getSchema().getFullName());
        assertThat(specificDeserializer().deserialize(TOPIC, again)).isEqualTo(event);
    }

    @Test
    void genericDecodingGivesEpochMillisOrInstantsWithLogicalTypeConverters() {
        AlertEvent alert = EventFixtures.alert();
        byte[] bytes = new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, alert);

        GenericRecord plain = (GenericRecord) new KafkaAvroDeserializer(registry, Map.of()).deserialize(TOPIC, bytes);
        GenericRecord converted = (GenericRecord) new KafkaAvroDeserializer(registry,
                Map.of(AvroSerdeConfig.USE_LOGICAL_TYPE_CONVERTERS, "true")).deserialize(TOPIC, bytes);

        assertThat(plain.get("startsAt")).isEqualTo(EventFixtures.T0.toEpochMilli());
        assertThat(plain.get("dedupKey")).hasToString("fp-9f8e7d");
        assertThat(plain.get("severity")).hasToString("CRITICAL");
        assertThat(converted.get("startsAt")).isEqualTo(EventFixtures.T0);
        assertThat(converted.get("endsAt")).isEqualTo(EventFixtures.T0.plusSeconds(600));
    }

    @Test
    void genericRecordWrittenByHandIsReadAsTheGeneratedClass() {
        AlertEvent expected = EventFixtures.alert();
        GenericRecord generic = new GenericRecordBuilder(AlertEvent.getClassSchema())
                .set("eventId", "evt-1").set("dedupKey", "fp-9f8e7d")
                .set("source", symbol(AlertEvent.getClassSchema().getField("source").schema(), "ALERTMANAGER"))
                .set("status", symbol(AlertEvent.getClassSchema().getField("status").schema(), "FIRING"))
                .set("severity", symbol(Severity.getClassSchema(), "CRITICAL"))
                .set("summary", expected.getSummary())
                .set("labels", expected.getLabels()).set("annotations", expected.getAnnotations())
                .set("startsAt", expected.getStartsAt().toEpochMilli())
                .set("endsAt", expected.getEndsAt()) // an Instant works as well as epoch millis
                .set("receivedAt", expected.getReceivedAt().toEpochMilli())
                .set("generatorUrl", expected.getGeneratorUrl()).set("integrationId", expected.getIntegrationId())
                .build();

        byte[] bytes = new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, generic);

        assertThat(specificDeserializer().deserialize(TOPIC, bytes)).isEqualTo(expected);
    }

    @Test
    void olderConsumerReadsNewerProducersRecordIgnoringNewFieldAndMappingNewSymbolToDefault() {
        Schema newer = new Schema.Parser().parse(AlertEvent.getClassSchema().toString()
                .replace("\"symbols\":[\"UNKNOWN\",\"CRITICAL\",\"ERROR\",\"WARNING\",\"INFO\"]",
                        "\"symbols\":[\"UNKNOWN\",\"FATAL\",\"CRITICAL\",\"ERROR\",\"WARNING\",\"INFO\"]")
                .replaceFirst("\\]}$", ",{\"name\":\"runbookHint\",\"type\":\"string\",\"default\":\"\"}]}"));
        assertThat(newer.getField("runbookHint")).isNotNull();
        GenericRecord fromNewerProducer = new GenericRecordBuilder(newer)
                .set("eventId", "evt-2").set("dedupKey", "fp-2")
                .set("status", symbol(newer.getField("status").schema(), "RESOLVED"))
                .set("severity", symbol(newer.getField("severity").schema(), "FATAL"))
                .set("startsAt", 1_000L).set("receivedAt", 2_000L)
                .set("runbookHint", "restart it")
                .build();

        byte[] bytes = new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, fromNewerProducer);
        AlertEvent read = (AlertEvent) specificDeserializer().deserialize(TOPIC, bytes);

        assertThat(read.getEventId()).isEqualTo("evt-2");
        assertThat(read.getStatus()).hasToString("RESOLVED");
        assertThat(read.getSeverity()).isEqualTo(Severity.UNKNOWN);
        assertThat(read.getStartsAt()).isEqualTo(Instant.ofEpochMilli(1_000));
    }

    @Test
    void newerConsumerReadsOlderProducersRecordFillingDefaults() {
        Schema older = withoutFields(AlertEvent.getClassSchema(), "annotations", "generatorUrl", "integrationId",
                "summary");
        GenericRecord fromOlderProducer = new GenericRecordBuilder(older)
                .set("eventId", "evt-3").set("dedupKey", "fp-3")
                .set("source", symbol(older.getField("source").schema(), "GRAFANA"))
                .set("status", symbol(older.getField("status").schema(), "FIRING"))
                .set("severity", symbol(older.getField("severity").schema(), "WARNING"))
                .set("labels", Map.of("team", "payments"))
                .set("startsAt", 1_000L).set("endsAt", null).set("receivedAt", 2_000L)
                .build();

        byte[] bytes = new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, fromOlderProducer);
        AlertEvent read = (AlertEvent) specificDeserializer().deserialize(TOPIC, bytes);

        assertThat(read.getLabels()).containsEntry("team", "payments");
        assertThat(read.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(read.getSummary()).isEmpty();
        assertThat(read.getAnnotations()).isEmpty();
        assertThat(read.getGeneratorUrl()).isNull();
        assertThat(read.getIntegrationId()).isNull();
    }

    @Test
    void roundTripsPrimitivesAndEnumSymbols() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry, Map.of());
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer(registry, Map.of());
        GenericData.EnumSymbol critical = symbol(Severity.getClassSchema(), "CRITICAL");

        assertThat(deserializer.deserialize("t", serializer.serialize("t", "svc-checkout"))).isEqualTo("svc-checkout");
        assertThat(deserializer.deserialize("t", serializer.serialize("t", 42L))).isEqualTo(42L);
        assertThat(deserializer.deserialize("t", serializer.serialize("t", 7))).isEqualTo(7);
        assertThat(deserializer.deserialize("t", serializer.serialize("t", true))).isEqualTo(true);
        assertThat(deserializer.deserialize("t", serializer.serialize("t", new byte[] {1, 2})))
                .isEqualTo(ByteBuffer.wrap(new byte[] {1, 2}));
        assertThat(deserializer.deserialize("t", serializer.serialize("t", critical))).hasToString("CRITICAL");
        assertThat(specificDeserializer().deserialize("t", serializer.serialize("t", Severity.ERROR)))
                .isEqualTo(Severity.ERROR);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, null)).isNull();
        assertThat(specificDeserializer().deserialize(TOPIC, null)).isNull();
        assertThat(specificDeserializer().deserialize(TOPIC, new byte[0])).isNull();
    }

    @Test
    void refusesAnUnknownMagicByteSayingWhichByteAndWhatWasExpected() {
        byte[] json = "{\"eventId\":\"x\"}".getBytes();

        assertThatThrownBy(() -> specificDeserializer().deserialize(TOPIC, json))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x7b")
                .hasMessageContaining("expected 0x00")
                .hasMessageContaining("alerts.v1")
                .hasMessageContaining("looks like JSON");
    }

    @Test
    void refusesAPayloadShorterThanTheHeader() {
        assertThatThrownBy(() -> specificDeserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 bytes, shorter than the 5-byte Confluent header");
    }

    @Test
    void refusesAnUnknownSchemaIdNamingTheIdAndTheRegistry() {
        byte[] bytes = {0, 0, 0, 0x30, 0x39, 2, 'x'}; // id 12345

        assertThatThrownBy(() -> specificDeserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 12345")
                .hasMessageContaining("in-memory registry")
                .hasMessageContaining("40403");
    }

    @Test
    void refusesATruncatedBody() {
        byte[] bytes = new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, EventFixtures.alert());
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 10);

        assertThatThrownBy(() -> specificDeserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 1")
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void refusesACorruptBody() {
        byte[] bytes = new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, EventFixtures.alert());
        byte[] corrupt = bytes.clone();
        corrupt[5] = (byte) 0x7f; // eventId's length becomes -64 as a zig-zag varint

        assertThatThrownBy(() -> specificDeserializer().deserialize(TOPIC, corrupt))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void reportsAnUnreachableRegistryDistinctlyOnBothSides() throws IOException {
        String url = "http://127.0.0.1:" + freePort();
        Map<String, Object> configs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url,
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        KafkaAvroSerializer serializer = new KafkaAvroSerializer();
        serializer.configure(configs, false);
        KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
        deserializer.configure(configs, false);

        assertThatThrownBy(() -> serializer.serialize(TOPIC, EventFixtures.alert()))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("unreachable at " + url);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 1, 2}))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("schema id 1")
                .hasMessageContaining("unreachable at " + url);
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaFailsClearly() {
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry,
                Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false));

        assertThatThrownBy(() -> serializer.serialize(TOPIC, EventFixtures.alert()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("io.ownwatch.events.AlertEvent is not registered under subject alerts.v1-value")
                .hasMessageContaining("auto.register.schemas=false");
    }

    @Test
    void withoutAutoRegistrationARegisteredSchemaIsLookedUp() {
        int id = registry.register("alerts.v1-value", AlertEvent.getClassSchema());
        KafkaAvroSerializer serializer = new KafkaAvroSerializer(registry,
                Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false));

        byte[] bytes = serializer.serialize(TOPIC, EventFixtures.alert());

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void withUseLatestVersionWritesWithTheSubjectsLatestSchema() {
        Schema latest = new Schema.Parser().parse(AlertEvent.getClassSchema().toString()
                .replaceFirst("\\]}$", ",{\"name\":\"runbookHint\",\"type\":\"string\",\"default\":\"none\"}]}"));
        registry.register("alerts.v1-value", AlertEvent.getClassSchema());
        int latestId = registry.register("alerts.v1-value", latest);
        Map<String, Object> configs = Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                AvroSerdeConfig.USE_LATEST_VERSION, true);

        byte[] bytes = new KafkaAvroSerializer(registry, configs).serialize(TOPIC, EventFixtures.alert());
        GenericRecord asWritten = (GenericRecord) new KafkaAvroDeserializer(registry, Map.of()).deserialize(TOPIC, bytes);

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latestId);
        assertThat(asWritten.get("runbookHint")).hasToString("none");
        assertThat(specificDeserializer().deserialize(TOPIC, bytes)).isEqualTo(EventFixtures.alert());
    }

    @Test
    void refusesTypesThatAreNotAvro() {
        assertThatThrownBy(() -> new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, new Object()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot serialize java.lang.Object as Avro");
    }

    @Test
    void refusesARecordMissingARequiredField() {
        AlertEvent incomplete = EventFixtures.alert();
        incomplete.setDedupKey(null);

        assertThatThrownBy(() -> new KafkaAvroSerializer(registry, Map.of()).serialize(TOPIC, incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot encode io.ownwatch.events.AlertEvent");
    }

    @Test
    void typedSerdeRoundTripsAGeneratedClass() {
        var serde = AvroSerdes.specific(AlertEvent.class, registry, Map.of(), false);

        AlertEvent read = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, EventFixtures.alert()));

        assertThat(read).isEqualTo(EventFixtures.alert());
    }

    @Test
    void configurationNamesAMissingRegistryUrlAndABadValue() {
        assertThatThrownBy(() -> new KafkaAvroSerializer().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> new KafkaAvroDeserializer(registry, Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("specific.avro.reader");
    }

    @Test
    void namesKeysAsKeysInErrors() {
        KafkaAvroDeserializer keyDeserializer = new KafkaAvroDeserializer(registry);
        keyDeserializer.configure(Map.of(), true);

        assertThatThrownBy(() -> keyDeserializer.deserialize(TOPIC, "fp-1".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("key on topic alerts.v1");
    }

    private KafkaAvroDeserializer specificDeserializer() {
        return new KafkaAvroDeserializer(registry, Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, true));
    }

    private static byte[] plainAvro(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema(), SpecificData.getForClass(record.getClass()))
                .write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericData.EnumSymbol symbol(Schema enumSchema, String symbol) {
        return new GenericData.EnumSymbol(enumSchema, symbol);
    }

    private static Schema withoutFields(Schema schema, String... names) {
        Set<String> dropped = Set.of(names);
        List<Schema.Field> fields = schema.getFields().stream()
                .filter(field -> !dropped.contains(field.name()))
                .map(field -> new Schema.Field(field, field.schema()))
                .toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
