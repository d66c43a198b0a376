package io.ownwatch.router.integration;

/**
 * A new integration with its key: the only moment the key exists in clear, since only its hash is stored.
 */
public record CreatedIntegration(Integration integration, String key) {
}
