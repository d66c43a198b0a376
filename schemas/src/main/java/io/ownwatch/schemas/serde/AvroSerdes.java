package io.ownwatch.schemas.serde;

import java.util.HashMap;
import java.util.Map;

import io.ownwatch.schemas.registry.SchemaRegistryClient;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Typed Kafka {@link Serde}s over {@link KafkaAvroSerializer} and {@link KafkaAvroDeserializer}, for tests and
 * code that build Kafka clients by hand. Each returned serde is already configured.
 */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A serde for the generated class {@code type}, talking to the registry at {@code registryUrl}. */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, String registryUrl, boolean isKey) {
        return specific(type, Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), isKey);
    }

    /** A serde for the generated class {@code type}; {@code specific.avro.reader} is forced on. */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, Map<String, ?> configs, boolean isKey) {
        Map<String, Object> withReader = new HashMap<>(configs);
        withReader.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        return typed(type, new KafkaAvroSerializer(), new KafkaAvroDeserializer(), withReader, isKey);
    }

    /** As {@link #specific(Class, Map, boolean)}, over an existing registry client. */
    public static <T extends SpecificRecord> Serde<T> specific(Class<T> type, SchemaRegistryClient client,
            Map<String, ?> configs, boolean isKey) {
        Map<String, Object> withReader = new HashMap<>(configs);
        withReader.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        return typed(type, new KafkaAvroSerializer(client), new KafkaAvroDeserializer(client), withReader, isKey);
    }

    /** A serde for {@code GenericRecord}s in the writer's own shape. */
    public static Serde<GenericRecord> generic(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> generic = new HashMap<>(configs);
        generic.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
        return typed(GenericRecord.class, new KafkaAvroSerializer(), new KafkaAvroDeserializer(), generic, isKey);
    }

    private static <T> Serde<T> typed(Class<T> type, KafkaAvroSerializer serializer,
            KafkaAvroDeserializer deserializer, Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
        Serializer<T> typedSerializer = serializer::serialize;
        Deserializer<T> typedDeserializer = (topic, bytes) -> {
            Object value = deserializer.deserialize(topic, bytes);
            if (value != null && !type.isInstance(value)) {
                throw new org.apache.kafka.common.errors.SerializationException("Expected " + type.getName()
                        + " on topic " + topic + " but the record decoded as " + value.getClass().getName());
            }
            return type.cast(value);
        };
        return Serdes.serdeFrom(typedSerializer, typedDeserializer);
    }
}
