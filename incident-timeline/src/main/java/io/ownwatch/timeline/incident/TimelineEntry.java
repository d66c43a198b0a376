package io.ownwatch.timeline.incident;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of an incident's timeline, as received from {@code incident.timeline.v1}.
 *
 * @param eventId    unique across all incidents; recording is idempotent on it
 * @param incidentId the incident it belongs to
 * @param sequence   1, 2, 3... per incident, assigned by the incident's owner; orders the entries
 * @param type       what happened
 * @param occurredAt when it happened, by the producer's clock
 * @param actor      who did it
 * @param serviceId  the service, when known
 * @param teamId     the owning team, when known
 * @param severity   the severity, {@code UNKNOWN} when not given
 * @param summary    one line for humans, when given
 * @param attributes type-specific detail; never secrets
 */
public record TimelineEntry(String eventId, String incidentId, long sequence, EntryType type, Instant occurredAt,
        Actor actor, String serviceId, String teamId, Severity severity, String summary,
        Map<String, String> attributes) {

    public TimelineEntry {
        requireText(eventId, "eventId");
        requireText(incidentId, "incidentId");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be 1 or more but was " + sequence);
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        severity = severity == null ? Severity.UNKNOWN : severity;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
