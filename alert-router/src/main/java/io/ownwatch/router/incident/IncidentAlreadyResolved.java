package io.ownwatch.router.incident;

import java.util.UUID;

/** A change that needs an unresolved incident was asked of a resolved one; a new trigger opens a new incident. */
public class IncidentAlreadyResolved extends RuntimeException {

    public IncidentAlreadyResolved(UUID id) {
        super("Incident " + id + " is already resolved");
    }
}
