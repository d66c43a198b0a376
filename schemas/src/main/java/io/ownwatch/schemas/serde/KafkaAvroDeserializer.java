package io.ownwatch.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.ownwatch.schemas.EventContracts;
import io.ownwatch.schemas.registry.SchemaRegistryClient;
import io.ownwatch.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Avro in Confluent's wire format, whichever serializer wrote it. The writer schema is fetched by the id in
 * the record's header (cached); with {@code specific.avro.reader=true} the generated class named by the writer
 * schema is the reader schema, so Avro's resolution rules let an older consumer read a newer producer's record and
 * the reverse. Otherwise the result is a {@code GenericRecord} (or the primitive) in the writer's own shape.
 *
 * <p>Null or empty bytes decode to null (tombstones). Anything else that is not a well-formed record raises a
 * {@link SerializationException} saying what is wrong, so a binder can route it to a dead-letter topic.
 */
public class KafkaAvroDeserializer implements Deserializer<Object> {

    static {
        EventContracts.trustGeneratedClasses();
    }


    private final SpecificData classFinder = new SpecificData(KafkaAvroDeserializer.class.getClassLoader());
    /**
     * One reader per writer id: within one deserializer the reader schema is a function of the writer schema
     * (the generated class it names, or the writer itself), so the id identifies the (writer, reader) pair.
     */
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    private SchemaRegistryClient client;
    private AvroSerdeConfig config;
    private boolean isKey;
    private GenericData genericData = GenericData.get();

    /** For Kafka, which instantiates by class name and then calls {@link #configure}. */
    public KafkaAvroDeserializer() {
    }

    /** Uses {@code client} instead of building one from {@code schema.registry.url}; still needs {@link #configure}. */
    public KafkaAvroDeserializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /** A ready value deserializer over {@code client}, configured with Confluent-style {@code configs}. */
    public KafkaAvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs) {
        this(client);
        configure(configs, false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs);
        this.isKey = isKey;
        this.genericData = config.useLogicalTypeConverters() ? WireFormat.genericDataWithLogicalTypes()
                : GenericData.get();
        readers.clear();
        if (client == null) {
            client = config.newClient();
        }
    }

    @Override
    public Object deserialize(String topic, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("KafkaAvroDeserializer used before configure()");
        }
        String what = (isKey ? "key" : "value") + " on topic " + topic;
        if (bytes[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Unknown magic byte 0x%02x at offset 0 of the %s (%d bytes): expected 0x00, the Confluent "
                            + "Avro wire format; the record was not written by a schema-registry Avro serializer%s",
                    bytes[0] & 0xff, what, bytes.length, bytes[0] == '{' || bytes[0] == '[' ? " (it looks like JSON)" : ""));
        }
        if (bytes.length < WireFormat.HEADER_SIZE) {
            throw new SerializationException("The " + what + " is " + bytes.length
                    + " bytes, shorter than the 5-byte Confluent header (magic byte and 4-byte schema id)");
        }
        int id = ByteBuffer.wrap(bytes, 1, WireFormat.ID_SIZE).getInt();
        DatumReader<Object> reader = readers.get(id);
        if (reader == null) {
            reader = readerFor(lookUp(id, what), id, what);
            readers.put(id, reader);
        }
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, null);
        Object result;
        try {
            result = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("bytes left over after the record ended");
            }
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode the " + what + " with schema id " + id + " ("
                    + (bytes.length - WireFormat.HEADER_SIZE) + " body bytes): the Avro body is truncated or corrupt: "
                    + e, e);
        }
        return result instanceof Utf8 ? result.toString() : result;
    }

    private Schema lookUp(int id, String what) {
        try {
            return client.getById(id);
        } catch (SchemaRegistryException e) {
            if (e.isUnreachable()) {
                throw new SchemaRegistryUnavailableException("Cannot fetch schema id " + id + " for the " + what
                        + ": " + e.getMessage(), e);
            }
            if (e.isNotFound()) {
                throw new SerializationException("Unknown schema id " + id + " in the " + what + ": schema registry "
                        + client.describe() + " has no schema with that id (error_code " + e.errorCode()
                        + "); the record was written against another registry, or the schema was deleted", e);
            }
            throw new SerializationException("Cannot fetch schema id " + id + " for the " + what + ": "
                    + e.getMessage(), e);
        }
    }

    private DatumReader<Object> readerFor(Schema writer, int id, String what) {
        if (!config.specificAvroReader() || !isNamed(writer)) {
            return new GenericDatumReader<>(writer, writer, genericData);
        }
        Class<?> type = classFinder.getClass(writer);
        if (type == null) {
            throw new SerializationException("Cannot decode the " + what + " (schema id " + id
                    + ") as a generated class: no class " + writer.getFullName()
                    + " on the classpath; add it, or set specific.avro.reader=false to read a GenericRecord");
        }
        // The class's own model carries its logical-type conversions, e.g. timestamp-millis as Instant.
        SpecificData model = SpecificData.getForClass(type);
        Schema readerSchema = model.getSchema(type);
        return new SpecificDatumReader<>(writer, readerSchema, new DecodingSpecificData(model, type.getClassLoader()));
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }
}
