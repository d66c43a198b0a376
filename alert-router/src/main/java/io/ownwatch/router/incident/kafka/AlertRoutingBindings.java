package io.ownwatch.router.incident.kafka;

import io.ownwatch.events.AlertEvent;
import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertSource;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import io.ownwatch.router.incident.IncidentRouting;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The {@code routeAlert} binding: alerts.v1 in, group alert-router, dead letters to alerts.v1.alert-router.dlq. */
@Configuration(proxyBeanMethods = false)
class AlertRoutingBindings {

    /**
     * Takes the message rather than the bare event so that a record which is not an AlertEvent (a tombstone, or
     * another type written with our serde) is refused with a clear reason. Records that cannot be decoded at all
     * never get here: the shared dead-letter policy ({@code io.ownwatch.edge.deadletter}) sends them to the
     * dead-letter topic from the listener container.
     */
    @Bean
    Consumer<Message<?>> routeAlert(IncidentRouting routing) {
        return message -> {
            if (!(message.getPayload() instanceof AlertEvent event)) {
                throw new UnreadableAlertRecord(message.getPayload());
            }
            routing.route(toAlert(event));
        };
    }

    static Alert toAlert(AlertEvent event) {
        return new Alert(
                event.getEventId(),
                event.getDedupKey(),
                AlertSource.valueOf(event.getSource().name()),
                AlertStatus.valueOf(event.getStatus().name()),
                Severity.valueOf(event.getSeverity().name()),
                event.getSummary(),
                event.getLabels(),
                event.getAnnotations(),
                event.getStartsAt(),
                event.getEndsAt(),
                event.getReceivedAt(),
                event.getGeneratorUrl());
    }

    /**
     * A record on alerts.v1 that is not an AlertEvent. An IllegalArgumentException because retrying cannot change
     * it: the dead-letter policy sends it to the dead-letter topic on the first attempt.
     */
    static class UnreadableAlertRecord extends IllegalArgumentException {
        UnreadableAlertRecord(Object payload) {
            super("Record on alerts.v1 is not an AlertEvent (payload "
                    + (payload == null ? "null" : payload.getClass().getName()) + ")");
        }
    }
}
