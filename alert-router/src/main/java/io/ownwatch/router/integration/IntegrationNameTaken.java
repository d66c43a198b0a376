package io.ownwatch.router.integration;

/** A live integration already has this name; names label alerts, so they must be unambiguous. */
public class IntegrationNameTaken extends RuntimeException {

    public IntegrationNameTaken(String name) {
        super("An active integration is already named '" + name + "'.");
    }
}
