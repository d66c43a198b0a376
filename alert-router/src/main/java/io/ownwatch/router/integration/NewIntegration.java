package io.ownwatch.router.integration;

import java.util.Objects;

/**
 * What an ops-admin asks for when creating an integration.
 *
 * @param teamId default routing hint, or {@code null}
 * @param signingSecret HMAC secret the sender will sign with, or {@code null} for unsigned requests
 */
public record NewIntegration(String name, IntegrationType type, String teamId, String signingSecret) {

    public NewIntegration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
