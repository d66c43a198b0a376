package io.ownwatch.executor.action;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a step may use beyond its own settings, all of it from the approved runbook version and the request.
 *
 * @param runId           the run, for logs and idempotency keys sent to targets
 * @param serviceId       the service the run is for: Kubernetes targets must match its ownership selectors
 * @param parameters      the request's parameters, not yet validated
 * @param parameterSchema the runbook's JSON Schema for the parameters, or {@code null} when it takes none
 * @param hostAllowlist   hosts (exact or {@code *.suffix}) an HTTP step may call
 * @param maxTargets      the runbook's blast radius
 * @param timeout         the longest one step may take
 */
public record StepContext(String runId, String serviceId, Map<String, String> parameters, String parameterSchema,
        List<String> hostAllowlist, int maxTargets, Duration timeout) {

    public StepContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(timeout, "timeout");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        hostAllowlist = hostAllowlist == null ? List.of() : List.copyOf(hostAllowlist);
    }
}
