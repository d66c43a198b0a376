package io.ownwatch.timeline.incident.kafka;

import io.ownwatch.events.TimelineEvent;
import io.ownwatch.timeline.incident.Actor;
import io.ownwatch.timeline.incident.EntryType;
import io.ownwatch.timeline.incident.Severity;
import io.ownwatch.timeline.incident.TimelineEntry;

/** Maps the {@code TimelineEvent} wire contract to the domain's {@link TimelineEntry}; the generated class goes no further. */
final class TimelineEvents {

    private TimelineEvents() {
    }

    static TimelineEntry toEntry(TimelineEvent event) {
        return new TimelineEntry(
                event.getEventId(),
                event.getIncidentId(),
                event.getSequence(),
                event.getType() == null ? EntryType.UNKNOWN : EntryType.fromName(event.getType().name()),
                event.getOccurredAt(),
                new Actor(event.getActor().getKind() == null ? "UNKNOWN" : event.getActor().getKind().name(),
                        event.getActor().getId()),
                event.getServiceId(),
                event.getTeamId(),
                event.getSeverity() == null ? Severity.UNKNOWN : Severity.fromName(event.getSeverity().name()),
                event.getSummary(),
                event.getAttributes());
    }
}
