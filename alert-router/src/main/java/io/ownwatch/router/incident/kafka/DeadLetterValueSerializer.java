package io.ownwatch.router.incident.kafka;

import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Value serializer of the dead-letter producer. A dead letter keeps the original bytes whenever
 * they exist: raw bytes pass through; a record that failed to decode has no value any more, so its
 * bytes are taken back from the decoding failure; a decoded event that failed later is written
 * again in the Confluent wire format.
 */
public class DeadLetterValueSerializer implements Serializer<Object> {

    private final KafkaAvroSerializer avro = new KafkaAvroSerializer();

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
        if (data instanceof byte[] bytes) {
            return bytes;
        }
        if (data == null) {
            return DeadLetterHeaders.decodingFailure(headers).map(DeserializationException::getData).orElse(null);
        }
        return avro.serialize(topic, headers, data);
    }

    @Override
    public void close() {
        avro.close();
    }
}
