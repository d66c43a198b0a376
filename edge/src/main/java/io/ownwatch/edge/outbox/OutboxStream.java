package io.ownwatch.edge.outbox;

import org.jspecify.annotations.Nullable;

/**
 * Where the messages of one outbox stream go: a service declares one bean per stream it appends to. The stream
 * owns the topic and the encoding; the outbox only keeps the order and the retries.
 */
public interface OutboxStream {

    /** The name messages are appended under, e.g. {@code "runbooks"}. */
    String name();

    /**
     * Sends one message and returns only once the broker acknowledged it; throws otherwise, and the outbox retries
     * the same message on its next poll.
     *
     * @param payload the JSON snapshot appended, or {@code null} for a tombstone
     */
    void publish(String key, @Nullable String payload);
}
