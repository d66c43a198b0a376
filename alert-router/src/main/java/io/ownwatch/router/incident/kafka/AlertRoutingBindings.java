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
     * Takes the message rather than the bare event because a record that could not be decoded
     * arrives with no payload and the decoding error in a header; throwing that error sends the
     * record to the dead-letter topic with the real reason.
     */
    @Bean
    Consumer<Message<?>> routeAlert(IncidentRouting routing) {
        return message -> {
            if (!(message.getPayload() instanceof AlertEvent event)) {
                RuntimeException failure = DeadLetterHeaders.decodingFailure(message)
                        .<RuntimeException>map(e -> e)
                        .orElseGet(() -> new UnreadableAlertRecord(message.getPayload()));
                throw failure;
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

    /** A record on alerts.v1 that is not an AlertEvent. */
    static class UnreadableAlertRecord extends RuntimeException {
        UnreadableAlertRecord(Object payload) {
            super("Record on alerts.v1 is not an AlertEvent (payload "
                    + (payload == null ? "null" : payload.getClass().getName()) + ")");
        }
    }
}
