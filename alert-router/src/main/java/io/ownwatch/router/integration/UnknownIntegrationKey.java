package io.ownwatch.router.integration;

/** The request carries no integration key, or one that is unknown or revoked; nothing was written. */
public class UnknownIntegrationKey extends RuntimeException {

    public UnknownIntegrationKey(String detail) {
        super(detail);
    }
}
