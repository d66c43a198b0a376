package io.ownwatch.timeline.incident;

import java.time.Instant;

/**
 * An incident as its timeline tells it so far.
 *
 * @param incidentId     the incident
 * @param serviceId      the latest known service, or null
 * @param teamId         the latest known owning team, or null
 * @param severity       the latest known severity
 * @param summary        the summary it was opened with (or the first one seen)
 * @param status         where it stands
 * @param openedAt       when it was opened, or the earliest entry if the opening has not arrived yet
 * @param acknowledgedAt when it was acknowledged since it last (re)opened, or null
 * @param resolvedAt     when it was resolved since it last (re)opened, or null
 * @param lastSequence   the highest sequence recorded
 * @param eventCount     how many entries are recorded; less than {@code lastSequence} while some are missing
 * @param response       the first moments response times are measured between
 * @param counts         how much happened: escalations, pages, remediations, reopenings
 */
public record Incident(String incidentId, String serviceId, String teamId, Severity severity, String summary,
        IncidentStatus status, Instant openedAt, Instant acknowledgedAt, Instant resolvedAt, long lastSequence,
        long eventCount, Response response, Counts counts) {

    /**
     * The moments MTTA and MTTR are measured between. Each is the first ever, not reset by a reopening: a
     * reopened incident was still detected and first acknowledged when it was.
     *
     * @param firstAlertAt         the first alert received, by the receiving server's clock (the earliest
     *                             {@code ALERT_RECEIVED} or {@code INCIDENT_OPENED}, else the earliest entry)
     * @param firstPersonAckAt     the first {@code ACKNOWLEDGED} by a person, or null
     * @param firstAutomationAckAt the first {@code ACKNOWLEDGED} by anyone who is not a person (automation, the
     *                             system, an integration), or null
     * @param firstResolvedAt      the first {@code RESOLVED}, or null; {@link #resolvedAt()} is the latest one
     */
    public record Response(Instant firstAlertAt, Instant firstPersonAckAt, Instant firstAutomationAckAt,
            Instant firstResolvedAt) {
    }

    /**
     * How much happened to the incident.
     *
     * @param escalations           {@code ESCALATED} entries
     * @param notifications         {@code NOTIFIED} entries: pages sent to people
     * @param remediationsRequested {@code REMEDIATION_REQUESTED} entries
     * @param remediationsSucceeded {@code REMEDIATION_SUCCEEDED} entries
     * @param remediationsFailed    {@code REMEDIATION_FAILED}, {@code REMEDIATION_INEFFECTIVE} and
     *                              {@code REMEDIATION_REJECTED} entries
     * @param reopened              {@code REOPENED} entries
     */
    public record Counts(int escalations, int notifications, int remediationsRequested, int remediationsSucceeded,
            int remediationsFailed, int reopened) {
    }

    /**
     * Resolved without any person acknowledging it and with a remediation that succeeded: the automation
     * handled it on its own.
     */
    public boolean resolvedByAutomation() {
        return status == IncidentStatus.RESOLVED && response.firstPersonAckAt() == null
                && counts.remediationsSucceeded() > 0;
    }

    /** Some sequence numbers below {@link #lastSequence()} have not arrived (yet). */
    public boolean hasGap() {
        return eventCount < lastSequence;
    }
}
