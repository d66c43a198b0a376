package io.ownwatch.router.incident;

import java.util.UUID;

/** Only a resolved incident can be reopened; this one is still open (or acknowledged). */
public class IncidentNotResolved extends RuntimeException {

    public IncidentNotResolved(UUID id) {
        super("Incident " + id + " is not resolved");
    }
}
