package io.ownwatch.router;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes Avro records onto a topic of the shared test infrastructure, as the platform's producers would. */
final class AvroTopics {

    private AvroTopics() {
    }

    /** Sends one record in the schema registry's wire format and waits for the broker's acknowledgement. */
    static void produce(String topic, String key, Object value) throws Exception {
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(Map.of("schema.registry.url", TestInfrastructure.get().schemaRegistryUrl()), false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }
}
