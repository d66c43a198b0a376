package io.ownwatch.router.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The incident was resolved longer ago than the reopen window: a problem back after that long is a new incident,
 * opened by its next trigger, not the old one's tail.
 */
public class ReopenWindowClosed extends RuntimeException {

    private final Duration window;

    public ReopenWindowClosed(UUID id, Instant resolvedAt, Duration window) {
        super("Incident " + id + " was resolved at " + resolvedAt + ", more than the reopen window (" + window
                + ") ago");
        this.window = window;
    }

    public Duration window() {
        return window;
    }
}
