package io.ownwatch.router.incident;

import java.util.UUID;

/** No incident has that id. */
public class IncidentNotFound extends RuntimeException {

    public IncidentNotFound(UUID id) {
        super("No incident " + id);
    }
}
