package io.ownwatch.timeline.analytics;

import java.time.Instant;
import java.util.Objects;

import io.ownwatch.timeline.incident.Severity;

/**
 * Which incidents an analytics answer covers: those whose first alert was received in {@code [from, to)}, narrowed
 * by team, service and severity when given (null matches everything).
 */
public record AnalyticsFilter(String teamId, String serviceId, Severity severity, Instant from, Instant to) {

    public AnalyticsFilter {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new InvalidAnalyticsParameter("from", "must be before 'to' (" + to + ")");
        }
    }
}
