package io.ownwatch.executor.policy;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One entry of operations' allowlist: this runbook may run for this service, in this cluster and namespace, at
 * these severities. {@value #ANY} matches any runbook, service, cluster or namespace; no severities match any.
 */
public record OpsRule(UUID id, String runbookId, String serviceId, String cluster, String namespace,
        Set<Severity> severities, String reason, String createdBy, Instant createdAt) {

    public static final String ANY = "*";

    public OpsRule {
        severities = severities == null ? Set.of() : Set.copyOf(severities);
    }

    /** A request without a cluster or namespace is matched only by a rule that allows any. */
    public boolean allows(String runbook, String service, String requestCluster, String requestNamespace,
            Severity severity) {
        return matches(runbookId, runbook) && matches(serviceId, service) && matches(cluster, requestCluster)
                && matches(namespace, requestNamespace) && (severities.isEmpty() || severities.contains(severity));
    }

    private static boolean matches(String pattern, String value) {
        return ANY.equals(pattern) || (value != null && pattern.equals(value));
    }
}
