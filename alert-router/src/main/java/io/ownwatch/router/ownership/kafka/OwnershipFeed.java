package io.ownwatch.router.ownership.kafka;

import java.time.Clock;

import io.ownwatch.edge.feed.AvroValues;
import io.ownwatch.edge.feed.CompactedTopicReader;
import io.ownwatch.edge.feed.FeedListener;
import io.ownwatch.edge.feed.FeedSettings;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.router.ownership.OwnershipProperties;
import io.ownwatch.router.ownership.OwnershipView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@code ownership.v1} from the beginning into the {@link OwnershipView} on start, then follows it (with the
 * edge's {@link CompactedTopicReader}): every router instance holds the whole view, and a restart rebuilds it from
 * the compacted topic. Start-up waits (at most {@code confirmEvery}) for the view to catch up, so that the first
 * alerts after a start already find their owners locally.
 *
 * <p>Each time the reader has read up to the end offsets it measured, the view is confirmed current. While the
 * broker is unreachable no confirmation comes, the last one ages, and the view turns stale: the resolver then
 * prefers the registry.
 */
@Component
class OwnershipFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OwnershipFeed.class);

    private final OwnershipProperties.View settings;
    private final CompactedTopicReader<ServiceOwnership> reader;

    OwnershipFeed(OwnershipView view, OwnershipProperties properties, Clock clock,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${schema.registry.url}") String schemaRegistryUrl) {
        this.settings = properties.view();
        this.reader = new CompactedTopicReader<>(
                new FeedSettings(settings.topic(), brokers, "alert-router-ownership-view", settings.confirmEvery()),
                AvroValues.specific(schemaRegistryUrl),
                ServiceOwnership.class,
                FeedListener.of(view::apply, view::confirmCurrent),
                clock);
    }

    @Override
    public void start() {
        reader.start();
        try {
            if (!reader.awaitConfirmed(settings.confirmEvery())) {
                log.warn("The ownership view has not caught up with {} within {}; the registry answers until it has",
                        settings.topic(), settings.confirmEvery());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        reader.stop();
    }

    @Override
    public boolean isRunning() {
        return reader.isRunning();
    }

    /** Before the bindings that consume alerts start, after they stop. */
    @Override
    public int getPhase() {
        return 0;
    }
}
