package io.ownwatch.router.remediation;

import java.time.Duration;
import java.util.UUID;

/**
 * What remediation asks of the escalation, published synchronously inside the transaction that decided it (see
 * {@code io.ownwatch.router.incident.IncidentEvent} for the same rule): escalation listens, remediation never calls
 * it directly.
 */
public sealed interface RemediationEvent {

    UUID incidentId();

    /**
     * An automatic runbook was requested for a new incident whose runbook asks for a grace period: the first page
     * waits up to {@code grace} (from the database's now) for it to work. Published after the incident's
     * {@code Opened} event has been handled, so the escalation exists.
     */
    record FirstPageHeld(UUID incidentId, String runbookId, Duration grace) implements RemediationEvent {
    }

    /**
     * A remediation was rejected, failed, timed out, ended unknown or did not resolve the incident in its
     * verification window: page the next level now instead of at its deadline (or level 1, if held).
     */
    record EscalationNeeded(UUID incidentId, String runbookId, String reason) implements RemediationEvent {
    }
}
