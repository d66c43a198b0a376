package io.ownwatch.timeline.incident;

/**
 * An entry of a batch could not be recorded. The entries before it in the batch are recorded (committed); it and
 * those after it are not, so the consumer may retry or dead-letter it and go on from there.
 */
public class EntryNotRecorded extends RuntimeException {

    private final int index;

    EntryNotRecorded(int index, String eventId, RuntimeException cause) {
        super("Timeline event " + eventId + " (number " + index + " of its batch) was not recorded: " + cause.getMessage(),
                cause);
        this.index = index;
    }

    /** The position of the entry in the batch, from 0. */
    public int index() {
        return index;
    }
}
