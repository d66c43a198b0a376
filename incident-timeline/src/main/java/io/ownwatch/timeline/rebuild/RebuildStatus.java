package io.ownwatch.timeline.rebuild;

import java.time.Instant;

/**
 * Where the latest rebuild stands.
 *
 * @param state      IDLE (none since start-up), RUNNING, DONE or FAILED
 * @param startedAt  when it started, or null
 * @param finishedAt when it finished, or null
 * @param records    records read from the topic so far
 * @param recorded   entries recorded
 * @param duplicates redelivered entries ignored, as live consumption ignores them
 * @param refused    records refused again: undecodable, or claiming a sequence another event holds (both went to
 *                   the dead-letter topic when first consumed)
 * @param error      why it failed, or null
 */
public record RebuildStatus(State state, Instant startedAt, Instant finishedAt, long records, long recorded,
        long duplicates, long refused, String error) {

    /** The life of a rebuild. */
    public enum State {
        IDLE, RUNNING, DONE, FAILED
    }

    static RebuildStatus idle() {
        return new RebuildStatus(State.IDLE, null, null, 0, 0, 0, 0, null);
    }
}
