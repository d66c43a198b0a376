package io.ownwatch.edge.deadletter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.ownwatch.schemas.serde.AvroSerdeConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The dead-letter producer's configuration, taken from the Kafka binder's so that dead letters reach the same
 * cluster, with the same security settings, as everything else the service publishes.
 */
final class DeadLetterProducerConfig {

    static final String BINDER = "spring.cloud.stream.kafka.binder";
    /** The Kafka binder's default when no broker is configured anywhere. */
    static final String DEFAULT_BROKERS = "localhost:9092";
    static final String DEFAULT_REGISTRY = "http://localhost:8081";

    private DeadLetterProducerConfig() {
    }

    static Map<String, Object> from(Environment environment) {
        Binder binder = Binder.get(environment);
        Bindable<Map<String, String>> clientProperties = Bindable.mapOf(String.class, String.class);
        // The binder's order of precedence: common client configuration, then producer properties.
        Map<String, Object> config = new LinkedHashMap<>(binder.bind(BINDER + ".configuration", clientProperties).orElse(Map.of()));
        config.putAll(binder.bind(BINDER + ".producer-properties", clientProperties).orElse(Map.of()));
        String brokers = binder.bind(BINDER + ".brokers", Bindable.listOf(String.class))
                .orElseGet(() -> binder.bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
                        .orElse(List.of(DEFAULT_BROKERS)))
                .stream().map(String::trim).collect(Collectors.joining(","));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.putIfAbsent(AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                environment.getProperty(AvroSerdeConfig.SCHEMA_REGISTRY_URL, DEFAULT_REGISTRY));
        // A dead letter is the only copy of a record we gave up on: it must be durably written, exactly once.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Serializers are instances (see DeadLetterPublishing); a transactional id from the binder is not ours to reuse.
        config.keySet().removeAll(List.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG));
        return config;
    }
}
