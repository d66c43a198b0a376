package io.ownwatch.executor.policy;

import io.ownwatch.executor.catalog.Runbook;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the policy decides over, read just before deciding; immutable, so a decision can be replayed.
 *
 * @param runbookVersion        the version the request names, or {@code null} when a person asked for the current one
 * @param contentHash           the hash the request was made for
 * @param runbook               the catalog's latest approved version
 * @param owningTeam            the team that owns the service, from ownership.v1
 * @param membership            the requester's teams, when their role needs them
 * @param serviceMaxRunsPerHour operations' limit per service, whatever the runbook
 * @param globalShadow          shadow mode for every runbook (configuration or the ops API)
 */
public record PolicyInputs(String runbookId, Integer runbookVersion, String contentHash, String serviceId,
        Severity severity, String cluster, String namespace, Requester requester, Optional<Runbook> runbook,
        Optional<String> owningTeam, Membership membership, List<OpsRule> rules, List<KillSwitch> killSwitches,
        RunHistory history, int serviceMaxRunsPerHour, Plan plan, boolean globalShadow, Instant now) {

    public PolicyInputs {
        Objects.requireNonNull(runbookId, "runbookId");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(now, "now");
        severity = severity == null ? Severity.UNKNOWN : severity;
        runbook = runbook == null ? Optional.empty() : runbook;
        owningTeam = owningTeam == null ? Optional.empty() : owningTeam;
        membership = membership == null ? new Membership.NotAsked() : membership;
        rules = rules == null ? List.of() : List.copyOf(rules);
        killSwitches = killSwitches == null ? List.of() : List.copyOf(killSwitches);
        history = history == null ? RunHistory.none() : history;
        plan = plan == null ? new Plan.NotPlanned() : plan;
    }
}
