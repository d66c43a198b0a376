package io.ownwatch.edge.feed;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a {@link CompactedTopicReader} reads.
 *
 * @param topic            the compacted topic; the reader never creates it (its owner creates it, compacted)
 * @param bootstrapServers the Kafka bootstrap servers
 * @param clientId         the Kafka client id, also the name of the reader's thread
 * @param confirmEvery     how often the reader measures the topic's end offsets again to confirm it has read them;
 *                         also how long {@link CompactedTopicReader#awaitConfirmed} is typically given at start
 */
public record FeedSettings(String topic, String bootstrapServers, String clientId, Duration confirmEvery) {

    public FeedSettings {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientId, "clientId");
        if (confirmEvery == null || confirmEvery.isNegative() || confirmEvery.isZero()) {
            throw new IllegalArgumentException("confirmEvery must be positive, was " + confirmEvery);
        }
    }
}
