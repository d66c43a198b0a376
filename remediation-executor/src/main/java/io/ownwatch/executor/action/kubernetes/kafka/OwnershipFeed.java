package io.ownwatch.executor.action.kubernetes.kafka;

import java.time.Clock;

import io.ownwatch.edge.feed.AvroValues;
import io.ownwatch.edge.feed.CompactedTopicReader;
import io.ownwatch.edge.feed.FeedListener;
import io.ownwatch.edge.feed.FeedSettings;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.executor.action.ActionProperties;
import io.ownwatch.executor.action.kubernetes.OwnershipScopes;
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
        this.reader = new CompactedTopicReader<>(
                new FeedSettings(settings.topic(), brokers, "remediation-executor-ownership-view",
                        settings.confirmEvery()),
                AvroValues.specific(schemaRegistryUrl),
                ServiceOwnership.class,
                FeedListener.of(scopes::apply, scopes::caughtUp),
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
