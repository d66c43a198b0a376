package io.ownwatch.router.ingest;

import io.ownwatch.router.alert.Alert;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Where accepted alerts go: implemented by the Kafka adapter. */
public interface AlertPublication {

    /**
     * Publishes every alert and returns only once the broker acknowledged all of them.
     *
     * @param integrationId the integration whose key admitted the alerts, recorded on each event
     * @throws AlertsNotAcknowledged when any alert was not acknowledged in time
     */
    void publishAll(List<Alert> alerts, UUID integrationId);

    /**
     * Hands every alert to the broker and returns at once; the future completes when the broker acknowledged all
     * of them, or exceptionally with {@link AlertsNotAcknowledged} (at the latest after the broker timeout). Lets
     * the HTTP edge answer from the acknowledgement instead of parking a thread per request on it.
     *
     * @throws AlertsNotAcknowledged when an alert cannot even be handed over (no metadata in time, not serialisable)
     */
    CompletableFuture<Void> publishAllAsync(List<Alert> alerts, UUID integrationId);
}
