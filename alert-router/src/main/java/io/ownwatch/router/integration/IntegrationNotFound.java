package io.ownwatch.router.integration;

import java.util.UUID;

/** No integration has this id. */
public class IntegrationNotFound extends RuntimeException {

    IntegrationNotFound(UUID id) {
        super("No integration " + id + ".");
    }
}
