package io.ownwatch.executor.run;

import io.ownwatch.executor.policy.Requester;
import io.ownwatch.executor.policy.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A wish to run a runbook, from the requests topic or a person: nothing in it is trusted until the policy says so.
 *
 * @param requestId      the idempotency key: a second request with it is the same request
 * @param incidentId     the incident it is for; {@code null} for a person's run outside any incident
 * @param runbookVersion the version asked for; {@code null} when a person asked for the current approved one
 * @param contentHash    the approved content the request was made for
 */
public record RunRequest(String requestId, String incidentId, String runbookId, Integer runbookVersion,
        String contentHash, String serviceId, Severity severity, String cluster, String namespace,
        Map<String, String> parameters, Requester requester, String reason, Instant requestedAt) {

    public RunRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(runbookId, "runbookId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(requestedAt, "requestedAt");
        severity = severity == null ? Severity.UNKNOWN : severity;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
