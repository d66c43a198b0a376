package io.ownwatch.edge.outbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;

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

    /**
     * Sends messages in order and returns how many of them, from the first, the broker acknowledged; it stops at
     * the first that fails, and the outbox retries from there on its next poll. This default sends one at a time;
     * a stream with a producer of its own overrides it to send all at once and wait for the acknowledgements, so
     * that a backlog costs a few broker round trips instead of one per message.
     */
    default int publishAll(List<Outbox.Message> messages) {
        for (int i = 0; i < messages.size(); i++) {
            try {
                publish(messages.get(i).key(), messages.get(i).payload());
            }
            catch (RuntimeException ex) {
                if (i == 0) {
                    throw ex;
                }
                return i;
            }
        }
        return messages.size();
    }

    /**
     * Hands messages over in order and returns at once; the result completes with how many of them, from the first,
     * the broker acknowledged. The relay hands over the runs of a whole batch, across streams, before it awaits any
     * of them, so that one stream's broker round trip does not wait for another's. This default publishes
     * synchronously ({@link #publishAll}) and returns a completed result: the relay then hands nothing further over
     * after a run that came back short, so a later message of such a stream never overtakes a failed earlier one.
     * A stream that overrides it must keep one key's messages in order by itself (an idempotent producer does).
     */
    default CompletableFuture<Integer> send(List<Outbox.Message> messages) {
        return CompletableFuture.completedFuture(publishAll(messages));
    }
}
