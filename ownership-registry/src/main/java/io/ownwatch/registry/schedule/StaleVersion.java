package io.ownwatch.registry.schedule;

/** Someone changed the resource since the caller read it (optimistic locking). */
public class StaleVersion extends RuntimeException {

    public StaleVersion(String what, String id, long expected) {
        super("The " + what + " '" + id + "' is no longer at version " + expected + "; read it again and reapply the change.");
    }
}
