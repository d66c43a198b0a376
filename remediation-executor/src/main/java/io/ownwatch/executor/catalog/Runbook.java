package io.ownwatch.executor.catalog;

import io.ownwatch.executor.action.ActionStep;
import java.util.List;
import java.util.Objects;

/**
 * An approved runbook version as the executor keeps it: everything the policy and the steps need, nothing else.
 *
 * @param contentHash     the registry's SHA-256 of the approved content; a request naming another hash is refused
 * @param serviceIds      the services it is written for; empty means any service its ops rules allow
 * @param parameterSchema JSON Schema of its parameters, or {@code null} when it takes none
 * @param shadow          dry-run only: checked and planned, never acted
 */
public record Runbook(String runbookId, int version, String contentHash, String title, String ownerTeamId,
        Mode mode, Risk riskClass, boolean selfService, List<String> serviceIds, String parameterSchema,
        List<ActionStep> steps, int maxRunsPerHour, int cooldownSeconds, int timeoutSeconds, int maxTargets,
        List<String> hostAllowlist, boolean shadow) {

    public Runbook {
        Objects.requireNonNull(runbookId, "runbookId");
        Objects.requireNonNull(contentHash, "contentHash");
        mode = mode == null ? Mode.UNKNOWN : mode;
        riskClass = riskClass == null ? Risk.UNKNOWN : riskClass;
        serviceIds = serviceIds == null ? List.of() : List.copyOf(serviceIds);
        steps = steps == null ? List.of() : List.copyOf(steps);
        hostAllowlist = hostAllowlist == null ? List.of() : List.copyOf(hostAllowlist);
    }

    /** A person must approve each run: needs-approval runbooks, an unreadable mode, and high-risk runbooks. */
    public boolean needsApproval() {
        return mode != Mode.AUTOMATIC || riskClass == Risk.HIGH;
    }

    /** How a runbook may be started; an unreadable mode is treated as needing approval. */
    public enum Mode {
        UNKNOWN, AUTOMATIC, NEEDS_APPROVAL
    }

    /** The runbook's risk class as its reviewers set it. */
    public enum Risk {
        UNKNOWN, LOW, MEDIUM, HIGH
    }
}
