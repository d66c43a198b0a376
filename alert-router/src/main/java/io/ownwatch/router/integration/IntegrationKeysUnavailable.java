package io.ownwatch.router.integration;

/**
 * The key could not be checked because the integration table is unreachable. Not a refusal: the sender
 * must retry (503), since answering 401 would make it drop alerts with a perfectly good key.
 */
public class IntegrationKeysUnavailable extends RuntimeException {

    IntegrationKeysUnavailable(Throwable cause) {
        super("Integration keys cannot be checked right now.", cause);
    }
}
