package io.ownwatch.executor.action.kubernetes.kafka;

import java.time.Clock;
import java.util.Map;

import io.ownwatch.edge.feed.CompactedTopicReader;
import io.ownwatch.edge.feed.FeedListener;
import io.ownwatch.edge.feed.FeedSettings;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.executor.action.ActionProperties;
import io.ownwatch.executor.action.kubernetes.OwnershipScopes;
import io.ownwatch.schemas.serde.KafkaAvroDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@code ownership.v1} from offset 0 into the {@link OwnershipScopes}, then follows it (with the edge's
 * {@link CompactedTopicReader}): every executor instance holds the whole view, and a restart rebuilds it from the
 * compacted topic. Nothing waits for it at start: until a service is read, its Kubernetes steps are refused, never
 * let through.
 */
@Component
class OwnershipFeed implements SmartLifecycle {

    private final CompactedTopicReader<ServiceOwnership> reader;

    OwnershipFeed(OwnershipScopes scopes, ActionProperties properties, Clock clock,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${schema.registry.url:http://localhost:8081}") String schemaRegistryUrl) {
        ActionProperties.Ownership settings = properties.ownership();
        Map<String, Object> avro = Map.of("schema.registry.url", schemaRegistryUrl, "specific.avro.reader", true);
        this.reader = new CompactedTopicReader<>(
                new FeedSettings(settings.topic(), brokers, "remediation-executor-ownership-view",
                        settings.confirmEvery()),
                () -> {
                    KafkaAvroDeserializer values = new KafkaAvroDeserializer();
                    values.configure(avro, false);
                    return values;
                },
                ServiceOwnership.class,
                new FeedListener<>() {
                    @Override
                    public void apply(String serviceId, ServiceOwnership definition) {
                        scopes.apply(serviceId, definition);
                    }

                    @Override
                    public void confirmed() {
                        scopes.caughtUp();
                    }
                },
                clock);
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public void stop() {
        reader.stop();
    }

    @Override
    public boolean isRunning() {
        return reader.isRunning();
    }
}
