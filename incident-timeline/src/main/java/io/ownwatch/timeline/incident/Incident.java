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
 */
public record Incident(String incidentId, String serviceId, String teamId, Severity severity, String summary,
        IncidentStatus status, Instant openedAt, Instant acknowledgedAt, Instant resolvedAt, long lastSequence,
        long eventCount) {
}
