package io.ownwatch.router.ingest;

import io.ownwatch.router.alert.Alert;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Accepts alerts from the HTTP integrations: validate everything first, then publish all. */
@Component
public class AlertIngest {

    private final AlertPublication publication;
    private final Clock clock;

    AlertIngest(AlertPublication publication, Clock clock) {
        this.publication = publication;
        this.clock = clock;
    }

    /**
     * Accepts an Alertmanager webhook body.
     *
     * @return the event ids of the published alerts, in payload order
     * @throws MalformedAlertPayload or {@link InvalidAlertField} before anything is published
     * @throws AlertsNotAcknowledged when the broker did not acknowledge in time
     */
    public List<String> acceptAlertmanager(byte[] body) {
        List<Alert> alerts = AlertmanagerWebhook.parse(body, clock.instant(), () -> UUID.randomUUID().toString());
        publication.publishAll(alerts);
        return alerts.stream().map(Alert::eventId).toList();
    }
}
