package io.ownwatch.router.integration;

import java.util.UUID;

/** The integration's key was revoked before; revoking is not repeated so the first revocation stays on record. */
public class IntegrationAlreadyRevoked extends RuntimeException {

    IntegrationAlreadyRevoked(UUID id) {
        super("Integration " + id + " is already revoked.");
    }
}
