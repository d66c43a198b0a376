package io.ownwatch.edge.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import io.ownwatch.schemas.serde.SchemaRegistryUnavailableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Value serializer of the dead-letter producer. Bytes (a record that could not be decoded) pass through as they
 * came. A decoded event is written again in the Confluent wire format under its ORIGINAL topic's subject, where
 * its schema is already registered: the dead letter then carries the schema id the original record had (in the
 * usual case the same bytes), and can be copied back to that topic as it is once the cause is fixed.
 *
 * <p>Only if that subject refuses the schema (an event of another type had been written onto the topic raw) is it
 * written under the dead-letter topic's own subject. Registering every event type under the dead-letter subject
 * first would fail, once a second type arrives, for every later dead letter of the first.
 */
final class DeadLetterValueSerializer implements Serializer<Object> {

    private final KafkaAvroSerializer avro;

    DeadLetterValueSerializer() {
        this(new KafkaAvroSerializer());
    }

    DeadLetterValueSerializer(KafkaAvroSerializer avro) {
        this.avro = avro;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        avro.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        String originalTopic = originalTopic(headers);
        if (originalTopic != null) {
            try {
                return avro.serialize(originalTopic, headers, data);
            } catch (SchemaRegistryUnavailableException e) {
                throw e;
            } catch (SerializationException e) {
                // The original subject does not accept this type: fall through to the dead-letter topic's subject.
            }
        }
        return avro.serialize(topic, headers, data);
    }

    private static String originalTopic(Headers headers) {
        Header header = headers == null ? null : headers.lastHeader(DeadLetterPublishing.X_ORIGINAL_TOPIC);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        avro.close();
    }
}
