package io.ownwatch.timeline.incident;

/**
 * Which incidents to list, newest first. Null filters match everything.
 */
public record IncidentQuery(IncidentStatus status, String teamId, String serviceId, int page, int size) {

    public IncidentQuery {
        if (page < 0 || size < 1) {
            throw new IllegalArgumentException("page must be 0 or more and size 1 or more");
        }
    }
}
