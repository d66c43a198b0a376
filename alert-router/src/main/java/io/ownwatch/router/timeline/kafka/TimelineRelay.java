package io.ownwatch.router.timeline.kafka;

import io.ownwatch.events.Actor;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import io.ownwatch.router.timeline.TimelineEntry;
import io.ownwatch.router.timeline.TimelineOutbox;
import org.slf4j.MDC;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the outbox and sends entries through the {@code timeline-out-0} binding (sync, acks=all),
 * keyed by incident id so one incident's events stay in order on one partition.
 */
@Component
class TimelineRelay {

    static final String BINDING = "timeline-out-0";

    private final TimelineOutbox outbox;
    private final StreamBridge streamBridge;
    private final RelayProperties properties;

    TimelineRelay(TimelineOutbox outbox, StreamBridge streamBridge, RelayProperties properties) {
        this.outbox = outbox;
        this.streamBridge = streamBridge;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${ownwatch.router.timeline.relay.poll-delay:200ms}")
    void relay() {
        // Drain a backlog without waiting a poll delay between full batches.
        int published;
        do {
            published = outbox.relay(properties.batchSize(), this::send);
        } while (published == properties.batchSize());
    }

    private void send(TimelineEntry entry) {
        try (MDC.MDCCloseable incident = MDC.putCloseable("incidentId", entry.incidentId().toString())) {
            boolean sent = streamBridge.send(BINDING, MessageBuilder.withPayload(toEvent(entry))
                    .setHeader(KafkaHeaders.KEY, entry.incidentId().toString())
                    .build());
            if (!sent) {
                throw new IllegalStateException("timeline event " + entry.eventId() + " was not sent");
            }
        }
    }

    static TimelineEvent toEvent(TimelineEntry entry) {
        return TimelineEvent.newBuilder()
                .setEventId(entry.eventId().toString())
                .setIncidentId(entry.incidentId().toString())
                .setSequence(entry.sequence())
                .setType(TimelineEventType.valueOf(entry.type().name()))
                .setOccurredAt(entry.occurredAt())
                .setActor(Actor.newBuilder()
                        .setKind(ActorKind.valueOf(entry.actor().kind().name()))
                        .setId(entry.actor().id())
                        .build())
                .setServiceId(entry.serviceId())
                .setTeamId(entry.teamId())
                .setSeverity(Severity.valueOf(entry.severity().name()))
                .setSummary(entry.summary())
                .setAttributes(entry.attributes())
                .build();
    }
}
