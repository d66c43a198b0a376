package io.ownwatch.router.ingest;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.integration.Integration;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Accepts alerts from the HTTP integrations: parse and validate everything first, label each alert with the
 * integration that sent it, then publish all.
 */
@Component
public class AlertIngest {

    /** The integration's name on every alert it sent, so routing and silences can match on it. */
    public static final String INTEGRATION_LABEL = Alert.INTEGRATION_LABEL;
    /** The integration's default team, when it has one: a routing hint, not a decision. */
    public static final String TEAM_LABEL = "ownwatch_team";

    private final AlertPublication publication;
    private final IngestProperties properties;
    private final Clock clock;

    AlertIngest(AlertPublication publication, IngestProperties properties, Clock clock) {
        this.publication = publication;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Accepts a body in the integration's form.
     *
     * @return the published alerts, in payload order
     * @throws MalformedAlertPayload or {@link InvalidAlertField} before anything is published
     * @throws AlertsNotAcknowledged when the broker did not acknowledge in time
     */
    public List<Alert> accept(Integration integration, byte[] body) {
        List<Alert> alerts = parse(integration, body);
        publication.publishAll(alerts, integration.id());
        return alerts;
    }

    /**
     * Accepts a body in the integration's form without waiting for the broker: parsed and validated at once,
     * acknowledged later.
     *
     * @return the alerts, in payload order, once the broker acknowledged all of them; or completed exceptionally
     *         with {@link AlertsNotAcknowledged}
     * @throws MalformedAlertPayload or {@link InvalidAlertField} before anything is published
     * @throws AlertsNotAcknowledged when the alerts could not even be handed to the broker
     */
    public CompletableFuture<List<Alert>> acceptAsync(Integration integration, byte[] body) {
        List<Alert> alerts = parse(integration, body);
        return publication.publishAllAsync(alerts, integration.id()).thenApply(acknowledged -> alerts);
    }

    private List<Alert> parse(Integration integration, byte[] body) {
        Instant receivedAt = clock.instant();
        List<Alert> parsed = switch (integration.type()) {
            case ALERTMANAGER -> AlertmanagerWebhook.parse(body, receivedAt, AlertIngest::newId);
            case GRAFANA -> GrafanaWebhook.parse(body, receivedAt, AlertIngest::newId);
            case PAGERDUTY -> List.of(PagerDutyEvent.parse(body, receivedAt, newId(),
                    () -> UUID.randomUUID().toString().replace("-", "")));
            case GENERIC -> GenericAlert.parseAll(body, receivedAt, AlertIngest::newId, properties.maxAlertsPerRequest());
        };
        return parsed.stream().map(alert -> labelled(alert, integration)).toList();
    }

    /** Our labels win over a sender's labels of the same name: a sender must not pass itself off as another. */
    static Alert labelled(Alert alert, Integration integration) {
        Map<String, String> labels = new HashMap<>(alert.labels());
        labels.put(INTEGRATION_LABEL, integration.name());
        if (integration.teamId() != null) {
            labels.put(TEAM_LABEL, integration.teamId());
        } else {
            labels.remove(TEAM_LABEL);
        }
        return new Alert(alert.eventId(), alert.dedupKey(), alert.source(), alert.status(), alert.severity(),
                alert.summary(), labels, alert.annotations(), alert.startsAt(), alert.endsAt(), alert.receivedAt(),
                alert.generatorUrl());
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
