package io.ownwatch.router.timeline;

import io.ownwatch.router.alert.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of an incident's timeline.
 *
 * @param sequence 1, 2, 3... per incident, so a reader sees a gap
 * @param serviceId the owning service, or {@code null} when unknown
 * @param attributes type-specific detail; never secrets
 */
public record TimelineEntry(
        UUID eventId,
        UUID incidentId,
        long sequence,
        TimelineEntryType type,
        Instant occurredAt,
        Actor actor,
        String serviceId,
        String teamId,
        Severity severity,
        String summary,
        Map<String, String> attributes) {

    public TimelineEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(severity, "severity");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** Who did it. */
    public record Actor(Kind kind, String id) {

        /** The router itself. */
        public static final Actor ALERT_ROUTER = new Actor(Kind.SYSTEM, "alert-router");

        public Actor {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }

        /** Kinds of actor, as in the Actor contract. */
        public enum Kind {
            SYSTEM, PERSON, INTEGRATION, AUTOMATION
        }
    }
}
