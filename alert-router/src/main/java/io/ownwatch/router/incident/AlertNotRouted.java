package io.ownwatch.router.incident;

/**
 * An alert event of a batch could not be routed. The events before it in the batch are routed (their effects are
 * committed); it and those after it are not, so the consumer may retry or dead-letter it and go on from there.
 */
public class AlertNotRouted extends RuntimeException {

    private final int index;

    AlertNotRouted(int index, String eventId, RuntimeException cause) {
        super("Alert event " + eventId + " (number " + index + " of its batch) was not routed: " + cause.getMessage(), cause);
        this.index = index;
    }

    /** The position of the event in the batch, from 0. */
    public int index() {
        return index;
    }
}
