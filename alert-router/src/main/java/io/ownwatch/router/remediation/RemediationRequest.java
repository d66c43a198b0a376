package io.ownwatch.router.remediation;

import io.ownwatch.router.alert.Severity;
import io.ownwatch.router.timeline.TimelineEntry;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A request that the executor run one approved runbook version for an incident, as sent on
 * {@code remediation.requests.v1}. A wish, not a permission: the executor checks it all again.
 *
 * @param requestId the executor is idempotent on it; automatic requests derive it from incident and runbook version
 * @param parameters bound from the alert's labels by the names the runbook declares
 * @param verificationSeconds the runbook's verification window, kept for the result that may start it
 */
public record RemediationRequest(
        String requestId,
        UUID incidentId,
        String runbookId,
        int runbookVersion,
        String contentHash,
        String serviceId,
        String teamId,
        Severity severity,
        String cluster,
        String namespace,
        Map<String, String> parameters,
        TimelineEntry.Actor requestedBy,
        String reason,
        Instant requestedAt,
        int verificationSeconds) {

    public RemediationRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(runbookId, "runbookId");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
