package io.ownwatch.timeline.rebuild;

import java.util.function.Consumer;

import io.ownwatch.timeline.incident.TimelineEntry;

/** The topic a rebuild replays, read from its beginning up to where it ended when the rebuild started. */
public interface TimelineSource {

    /**
     * What reading the topic found.
     *
     * @param records     records read, up to the end offsets captured at the start
     * @param undecodable records that are not a timeline event (they went to the dead-letter topic when first consumed)
     */
    record Read(long records, long undecodable) {
    }

    /** Hands every decodable entry to {@code sink}, in partition order. */
    Read replay(Consumer<TimelineEntry> sink);
}
