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
 * @param retryInitial     how long the reader waits after its listener first fails on a record before handing it
 *                         over again; each further failure doubles the wait
 * @param retryMax         the longest wait between two attempts, however often the listener failed
 */
public record FeedSettings(String topic, String bootstrapServers, String clientId, Duration confirmEvery,
        Duration retryInitial, Duration retryMax) {

    /** The back-off of a listener that fails unless told otherwise: 100 ms, doubling up to 30 s. */
    public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(30);

    public FeedSettings {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(clientId, "clientId");
        requirePositive(confirmEvery, "confirmEvery");
        requirePositive(retryInitial, "retryInitial");
        requirePositive(retryMax, "retryMax");
        if (retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("retryMax must not be shorter than retryInitial, was " + retryMax
                    + " < " + retryInitial);
        }
    }

    /** Settings with the default back-off of a failing listener. */
    public FeedSettings(String topic, String bootstrapServers, String clientId, Duration confirmEvery) {
        this(topic, bootstrapServers, clientId, confirmEvery, DEFAULT_RETRY_INITIAL, DEFAULT_RETRY_MAX);
    }

    /** The wait before the next attempt after {@code failures} failures in a row (1 or more). */
    Duration retryAfter(int failures) {
        Duration wait = retryInitial;
        for (int i = 1; i < failures && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) < 0 ? wait : retryMax;
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
