package io.ownwatch.timeline.incident;

/**
 * A new event claims a sequence number of its incident that another event already holds. Storing it
 * would make the order of the timeline ambiguous, so it is refused and goes to the dead-letter topic.
 */
public class SequenceConflict extends RuntimeException {

    private final transient TimelineEntry entry;

    public SequenceConflict(TimelineEntry entry, String existingEventId) {
        super("Event '" + entry.eventId() + "' claims sequence " + entry.sequence() + " of incident '"
                + entry.incidentId() + "', which event '" + existingEventId + "' already holds.");
        this.entry = entry;
    }

    /** The refused entry. */
    public TimelineEntry entry() {
        return entry;
    }
}
