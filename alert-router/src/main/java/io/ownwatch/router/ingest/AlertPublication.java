package io.ownwatch.router.ingest;

import io.ownwatch.router.alert.Alert;
import java.util.List;
import java.util.UUID;

/** Where accepted alerts go: implemented by the Kafka adapter. */
public interface AlertPublication {

    /**
     * Publishes every alert and returns only once the broker acknowledged all of them.
     *
     * @param integrationId the integration whose key admitted the alerts, recorded on each event
     * @throws AlertsNotAcknowledged when any alert was not acknowledged in time
     */
    void publishAll(List<Alert> alerts, UUID integrationId);
}
