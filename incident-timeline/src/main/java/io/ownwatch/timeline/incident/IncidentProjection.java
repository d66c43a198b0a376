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
        Instant firstAlertAt = null;
        Instant firstPersonAckAt = null;
        Instant firstAutomationAckAt = null;
        Instant firstResolvedAt = null;
        int escalations = 0;
        int notifications = 0;
        int remediationsRequested = 0;
        int remediationsSucceeded = 0;
        int remediationsFailed = 0;
        int reopened = 0;

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
                    firstAlertAt = earlier(firstAlertAt, entry.occurredAt());
                }
                case ALERT_RECEIVED -> firstAlertAt = earlier(firstAlertAt, entry.occurredAt());
                case ACKNOWLEDGED -> {
                    if (status == IncidentStatus.OPEN) {
                        status = IncidentStatus.ACKNOWLEDGED;
                        acknowledgedAt = entry.occurredAt();
                    }
                    if (Actor.PERSON.equals(entry.actor().kind())) {
                        firstPersonAckAt = earlier(firstPersonAckAt, entry.occurredAt());
                    }
                    else {
                        firstAutomationAckAt = earlier(firstAutomationAckAt, entry.occurredAt());
                    }
                }
                case RESOLVED -> {
                    if (status != IncidentStatus.RESOLVED) {
                        status = IncidentStatus.RESOLVED;
                        resolvedAt = entry.occurredAt();
                    }
                    firstResolvedAt = earlier(firstResolvedAt, entry.occurredAt());
                }
                case REOPENED -> {
                    status = IncidentStatus.OPEN;
                    acknowledgedAt = null;
                    resolvedAt = null;
                    reopened++;
                }
                case ESCALATED -> escalations++;
                case NOTIFIED -> notifications++;
                case REMEDIATION_REQUESTED -> remediationsRequested++;
                case REMEDIATION_SUCCEEDED -> remediationsSucceeded++;
                case REMEDIATION_FAILED, REMEDIATION_INEFFECTIVE, REMEDIATION_REJECTED -> remediationsFailed++;
                default -> {
                    // Other entries add history but do not move the incident's status.
                }
            }
        }
        TimelineEntry last = ordered.get(ordered.size() - 1);
        return new Incident(incidentId, serviceId, teamId, severity,
                openingSummary != null ? openingSummary : firstSummary, status,
                openedAt != null ? openedAt : earliest, acknowledgedAt, resolvedAt, last.sequence(), ordered.size(),
                new Incident.Response(firstAlertAt != null ? firstAlertAt : earliest, firstPersonAckAt,
                        firstAutomationAckAt, firstResolvedAt),
                new Incident.Counts(escalations, notifications, remediationsRequested, remediationsSucceeded,
                        remediationsFailed, reopened));
    }

    /**
     * Whether these entries are a silence's record rather than an incident's: the router writes the
     * alerts a silence suppressed under the silence's id ({@code SUPPRESSED}, reason {@code silenced}),
     * since no incident exists for them. A real incident never carries such an entry.
     */
    public static boolean isSilenceLog(List<TimelineEntry> entries) {
        return !entries.isEmpty() && entries.stream().allMatch(entry -> entry.type() == EntryType.SUPPRESSED
                && "silenced".equals(entry.attributes().get("reason")));
    }

    private static Instant earlier(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}
