package io.ownwatch.edge.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DeadLetterProducerConfigTest {

    @Test
    void takesBrokersRegistryAndClientSettingsFromTheBinderAndInsistsOnDurableWrites() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.cloud.stream.kafka.binder.brokers", "kafka-1:9092,kafka-2:9092")
                .withProperty("schema.registry.url", "http://registry:8081")
                .withProperty("spring.cloud.stream.kafka.binder.configuration[schema.registry.url]", "${schema.registry.url}")
                .withProperty("spring.cloud.stream.kafka.binder.configuration[security.protocol]", "SSL")
                .withProperty("spring.cloud.stream.kafka.binder.producer-properties[acks]", "1")
                .withProperty("spring.cloud.stream.kafka.binder.producer-properties[max.block.ms]", "10000")
                .withProperty("spring.cloud.stream.kafka.binder.producer-properties[key.serializer]", "x.Y");

        Map<String, Object> config = DeadLetterProducerConfig.from(environment);

        assertThat(config).containsEntry("bootstrap.servers", "kafka-1:9092,kafka-2:9092")
                .containsEntry("schema.registry.url", "http://registry:8081")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("max.block.ms", "10000")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .doesNotContainKey("key.serializer");
    }

    @Test
    void fallsBackToSpringKafkaThenToTheDefaults() {
        assertThat(DeadLetterProducerConfig.from(new MockEnvironment()
                .withProperty("spring.kafka.bootstrap-servers", "elsewhere:9092")))
                .containsEntry("bootstrap.servers", "elsewhere:9092")
                .containsEntry("schema.registry.url", "http://localhost:8081");
        assertThat(DeadLetterProducerConfig.from(new MockEnvironment()))
                .containsEntry("bootstrap.servers", "localhost:9092");
    }
}
