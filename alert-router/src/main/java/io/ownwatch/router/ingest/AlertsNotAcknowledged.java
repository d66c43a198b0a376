package io.ownwatch.router.ingest;

/**
 * The broker did not acknowledge every alert in time. The sender must retry: some alerts may
 * already be on the topic, which is harmless because routing deduplicates by dedup key.
 */
public class AlertsNotAcknowledged extends RuntimeException {

    public AlertsNotAcknowledged(String message, Throwable cause) {
        super(message, cause);
    }
}
