package io.ownwatch.timeline.incident;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Folds an incident's entries into its current state. Pure, and recomputed from all entries on every
 * new one, because entries can arrive out of order: the answer only depends on the set of entries,
 * never on the order they were delivered in.
 */
public final class IncidentProjection {

    private IncidentProjection() {
    }

    /**
     * @param entries at least one entry of the incident, in any order
     */
    public static Incident fold(List<TimelineEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an incident needs at least one entry");
        }
        List<TimelineEntry> ordered = entries.stream().sorted(Comparator.comparingLong(TimelineEntry::sequence)).toList();
        String incidentId = ordered.get(0).incidentId();
        String serviceId = null;
        String teamId = null;
        Severity severity = Severity.UNKNOWN;
        String openingSummary = null;
        String firstSummary = null;
        IncidentStatus status = IncidentStatus.OPEN;
        Instant openedAt = null;
        Instant earliest = null;
        Instant acknowledgedAt = null;
        Instant resolvedAt = null;

        for (TimelineEntry entry : ordered) {
            if (entry.serviceId() != null) {
                serviceId = entry.serviceId();
            }
            if (entry.teamId() != null) {
                teamId = entry.teamId();
            }
            if (entry.severity() != Severity.UNKNOWN) {
                severity = entry.severity();
            }
            if (firstSummary == null && entry.summary() != null) {
                firstSummary = entry.summary();
            }
            if (earliest == null || entry.occurredAt().isBefore(earliest)) {
                earliest = entry.occurredAt();
            }
            switch (entry.type()) {
                case INCIDENT_OPENED -> {
                    if (openedAt == null) {
                        openedAt = entry.occurredAt();
                        openingSummary = entry.summary();
                    }
                }
                case ACKNOWLEDGED -> {
                    if (status == IncidentStatus.OPEN) {
                        status = IncidentStatus.ACKNOWLEDGED;
                        acknowledgedAt = entry.occurredAt();
                    }
                }
                case RESOLVED -> {
                    if (status != IncidentStatus.RESOLVED) {
                        status = IncidentStatus.RESOLVED;
                        resolvedAt = entry.occurredAt();
                    }
                }
                case REOPENED -> {
                    status = IncidentStatus.OPEN;
                    acknowledgedAt = null;
                    resolvedAt = null;
                }
                default -> {
                    // Other entries add history but do not move the incident's status.
                }
            }
        }
        TimelineEntry last = ordered.get(ordered.size() - 1);
        return new Incident(incidentId, serviceId, teamId, severity,
                openingSummary != null ? openingSummary : firstSummary, status,
                openedAt != null ? openedAt : earliest, acknowledgedAt, resolvedAt, last.sequence(), ordered.size());
    }
}
