package io.ownwatch.router.incident;

import java.util.UUID;

/**
 * An incident cannot be reopened because one of its alerts (dedup keys) fired again after it was resolved and is
 * held by a newer open incident: reopening would give that alert two open incidents.
 */
public class AlertHeldElsewhere extends RuntimeException {

    private final String dedupKey;
    private final UUID holder;

    public AlertHeldElsewhere(UUID id, String dedupKey, UUID holder) {
        super("Incident " + id + " cannot be reopened: its alert " + dedupKey + " is held by open incident " + holder);
        this.dedupKey = dedupKey;
        this.holder = holder;
    }

    public String dedupKey() {
        return dedupKey;
    }

    /** The open incident that holds the alert now. */
    public UUID holder() {
        return holder;
    }
}
