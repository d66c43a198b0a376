package io.ownwatch.timeline.incident;

import java.util.Objects;

/**
 * Who did what a timeline entry records.
 *
 * @param kind a person, the system, an integration or an automation ({@code UNKNOWN} if the producer is newer)
 * @param id   the person's subject, the integration id or the service name
 */
public record Actor(String kind, String id) {

    /** The kind of a person's actions: only theirs count as a person's acknowledgement. */
    public static final String PERSON = "PERSON";

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }
}
