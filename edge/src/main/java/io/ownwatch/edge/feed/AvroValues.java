package io.ownwatch.edge.feed;

import java.util.Map;
import java.util.function.Supplier;

import io.ownwatch.schemas.serde.KafkaAvroDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** Value deserializers for a {@link CompactedTopicReader} of a topic in Confluent wire format. */
public final class AvroValues {

    private AvroValues() {
    }

    /**
     * Decodes values into the generated (specific) classes, looking their writer schemas up in the registry; a fresh,
     * configured deserializer per call, as a consumer neither configures a deserializer instance handed to it nor
     * survives closing it.
     */
    public static Supplier<Deserializer<Object>> specific(String schemaRegistryUrl) {
        Map<String, Object> config = Map.of("schema.registry.url", schemaRegistryUrl, "specific.avro.reader", true);
        return () -> {
            KafkaAvroDeserializer values = new KafkaAvroDeserializer();
            values.configure(config, false);
            return values;
        };
    }
}
