package io.ownwatch.router.timeline.kafka;

import io.ownwatch.edge.outbox.ProducerStream;
import io.ownwatch.events.Actor;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import io.ownwatch.router.timeline.TimelineEntry;
import io.ownwatch.router.timeline.TimelineOutbox;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's timeline entries to the destination of {@code timeline-out-0} ({@code incident.timeline.v1}),
 * keyed by incident id so one incident's events stay in order on one partition. A relay batch goes through a
 * producer of its own with the binder's settings (acks=all, idempotent): every entry is handed over at once and the
 * relay awaits the acknowledgements afterwards, so a backlog costs a few broker round trips instead of one per entry.
 */
@Component
class TimelineStream extends ProducerStream {

    static final String BINDING = "timeline-out-0";

    TimelineStream(Environment environment) {
        super(environment, TimelineOutbox.STREAM, BINDING, "alert-router-timeline-relay");
    }

    @Override
    protected TimelineEvent value(String incidentId, @Nullable String payload) {
        return toEvent(TimelineOutbox.read(Objects.requireNonNull(payload, "a timeline entry is never a tombstone")));
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
