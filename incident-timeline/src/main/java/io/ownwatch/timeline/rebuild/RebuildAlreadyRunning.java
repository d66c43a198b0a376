package io.ownwatch.timeline.rebuild;

/** A rebuild was asked for while one is running: two would truncate each other's work. */
public class RebuildAlreadyRunning extends RuntimeException {

    public RebuildAlreadyRunning(RebuildStatus running) {
        super("A rebuild started at " + running.startedAt() + " is still running.");
    }
}
