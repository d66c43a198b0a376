package io.ownwatch.edge.feed;

import java.util.function.BiConsumer;

/**
 * What a {@link CompactedTopicReader} tells the view it feeds. Both methods are called on the reader's own thread,
 * one call at a time.
 *
 * @param <V> the value type of the topic
 */
public interface FeedListener<V> {

    /**
     * One record of the topic, in offset order per partition.
     *
     * @param key   the record's key, never {@code null} (records without a key are skipped: compaction cannot keep them)
     * @param value the record's value, or {@code null} for a tombstone
     */
    void apply(String key, V value);

    /**
     * The reader has read everything the topic held when it last measured its end offsets (or the topic does not
     * exist yet, so there is nothing to read). Called again after every later measurement it catches up with.
     */
    void confirmed();

    /** A listener of two method references: the view's apply and its confirmation. */
    static <V> FeedListener<V> of(BiConsumer<String, V> apply, Runnable confirmed) {
        return new FeedListener<>() {
            @Override
            public void apply(String key, V value) {
                apply.accept(key, value);
            }

            @Override
            public void confirmed() {
                confirmed.run();
            }
        };
    }
}
