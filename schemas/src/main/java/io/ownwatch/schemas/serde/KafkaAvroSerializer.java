package io.ownwatch.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.ownwatch.schemas.EventContracts;
import io.ownwatch.schemas.registry.RegisteredSchema;
import io.ownwatch.schemas.registry.SchemaRegistryClient;
import io.ownwatch.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro in Confluent's wire format: byte 0 is the magic byte {@code 0x00}, bytes 1-4 the big-endian
 * schema id, then the Avro binary body. Accepts generated classes ({@link SpecificRecord}), {@code GenericRecord},
 * {@code GenericData.EnumSymbol} and Avro primitives (String, Integer, Long, Float, Double, Boolean, byte[],
 * ByteBuffer). A null value is written as a null record value (a tombstone).
 *
 * <p>Subjects follow Confluent's TopicNameStrategy: {@code <topic>-value}, or {@code <topic>-key} for keys.
 * Configuration keys are Confluent's, see {@link AvroSerdeConfig}.
 */
public class KafkaAvroSerializer implements Serializer<Object> {

    static {
        EventContracts.trustGeneratedClasses();
    }


    private static final Schema STRING = Schema.create(Schema.Type.STRING);
    private static final Schema INT = Schema.create(Schema.Type.INT);
    private static final Schema LONG = Schema.create(Schema.Type.LONG);
    private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
    private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
    private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
    private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

    private final GenericData genericData = WireFormat.genericDataWithLogicalTypes();
    private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final Map<Schema, Long> fingerprints = new ConcurrentHashMap<>();

    private SchemaRegistryClient client;
    private AvroSerdeConfig config;
    private boolean isKey;

    /** For Kafka, which instantiates by class name and then calls {@link #configure}. */
    public KafkaAvroSerializer() {
    }

    /** Uses {@code client} instead of building one from {@code schema.registry.url}; still needs {@link #configure}. */
    public KafkaAvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /** A ready value serializer over {@code client}, configured with Confluent-style {@code configs}. */
    public KafkaAvroSerializer(SchemaRegistryClient client, Map<String, ?> configs) {
        this(client);
        configure(configs, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs);
        this.isKey = isKey;
        if (client == null) {
            client = config.newClient();
        }
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("KafkaAvroSerializer used before configure()");
        }
        Schema recordSchema = schemaOf(data);
        String subject = WireFormat.subject(topic, isKey);
        int id;
        Schema writerSchema = recordSchema;
        try {
            if (config.autoRegisterSchemas()) {
                id = client.register(subject, recordSchema);
            } else if (config.useLatestVersion()) {
                RegisteredSchema latest = client.getLatest(subject);
                id = latest.id();
                writerSchema = latest.schema();
            } else {
                id = client.getId(subject, recordSchema);
            }
        } catch (SchemaRegistryException e) {
            throw registryFailure(e, topic, subject, recordSchema);
        }

        Object datum = data instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : data;
        DatumWriter<Object> writer;
        if (sameEncoding(writerSchema, recordSchema)) {
            writer = writerFor(recordSchema, datum);
        } else {
            datum = asWriterSchema(datum, recordSchema, writerSchema, subject);
            writer = writers.computeIfAbsent(new WriterKey(writerSchema, GenericData.class),
                    key -> new GenericDatumWriter<>(key.schema(), genericData));
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(WireFormat.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(WireFormat.ID_SIZE).putInt(id).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + data.getClass().getName() + " as Avro "
                    + writerSchema.getFullName() + " for topic " + topic + ": " + e, e);
        }
        return out.toByteArray();
    }

    private DatumWriter<Object> writerFor(Schema schema, Object datum) {
        boolean specific = datum instanceof SpecificRecord || datum instanceof Enum<?>;
        Class<?> modelKey = specific ? datum.getClass() : GenericData.class;
        return writers.computeIfAbsent(new WriterKey(schema, modelKey), key -> specific
                // The generated class's own model carries its logical-type conversions (Instant for timestamps).
                ? new SpecificDatumWriter<>(key.schema(), SpecificData.getForClass(key.modelKey()))
                : new GenericDatumWriter<>(key.schema(), genericData));
    }

    /** Binary Avro depends only on the parsing canonical form, so docs, defaults and properties may differ. */
    private boolean sameEncoding(Schema a, Schema b) {
        return a == b || fingerprint(a) == fingerprint(b);
    }

    private long fingerprint(Schema schema) {
        return fingerprints.computeIfAbsent(schema, SchemaNormalization::parsingFingerprint64);
    }

    /**
     * With {@code use.latest.version}, the record's own schema may differ from the subject's latest: the record is
     * resolved into the latest shape by Avro's rules, which is only possible if the latest can read it.
     */
    private Object asWriterSchema(Object datum, Schema recordSchema, Schema writerSchema, String subject) {
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(writerSchema, recordSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("Cannot write " + recordSchema.getFullName() + " with the latest schema of "
                    + subject + " (use.latest.version=true): the latest version cannot read the record's schema: "
                    + compatibility.getResult().getIncompatibilities());
        }
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(buffer, null);
            writerFor(recordSchema, datum).write(datum, encoder);
            encoder.flush();
            return new GenericDatumReader<>(recordSchema, writerSchema, genericData)
                    .read(null, DecoderFactory.get().binaryDecoder(buffer.toByteArray(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot convert " + recordSchema.getFullName()
                    + " to the latest schema of " + subject + ": " + e, e);
        }
    }

    private static Schema schemaOf(Object data) {
        if (data instanceof GenericContainer container) {
            return container.getSchema();
        }
        if (data instanceof CharSequence) {
            return STRING;
        }
        if (data instanceof Integer) {
            return INT;
        }
        if (data instanceof Long) {
            return LONG;
        }
        if (data instanceof Float) {
            return FLOAT;
        }
        if (data instanceof Double) {
            return DOUBLE;
        }
        if (data instanceof Boolean) {
            return BOOLEAN;
        }
        if (data instanceof byte[] || data instanceof ByteBuffer) {
            return BYTES;
        }
        throw new SerializationException("Cannot serialize " + data.getClass().getName()
                + " as Avro: expected a generated Avro class, a GenericRecord, an enum symbol or an Avro primitive");
    }

    private SerializationException registryFailure(SchemaRegistryException e, String topic, String subject,
            Schema schema) {
        if (e.isUnreachable()) {
            return new SchemaRegistryUnavailableException("Cannot serialize " + schema.getFullName() + " for topic "
                    + topic + ": " + e.getMessage(), e);
        }
        if (!config.autoRegisterSchemas() && e.isNotFound()) {
            String what = config.useLatestVersion() ? "subject " + subject + " has no registered version"
                    : "schema " + schema.getFullName() + " is not registered under subject " + subject;
            return new SerializationException("Cannot serialize for topic " + topic + ": " + what + " at "
                    + client.describe() + " and auto.register.schemas=false (error_code " + e.errorCode()
                    + "); register it first", e);
        }
        return new SerializationException("Cannot serialize " + schema.getFullName() + " for topic " + topic
                + " under subject " + subject + ": " + e.getMessage(), e);
    }

    private record WriterKey(Schema schema, Class<?> modelKey) {
    }
}
