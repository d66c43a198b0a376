package io.ownwatch.router.remediation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One approved runbook version as the router's catalog holds it (from {@code runbooks.v1}): what it needs to decide
 * whether the runbook applies to an incident, which labels bind its parameters, and what the executor will check the
 * request against (version and content hash).
 *
 * @param serviceIds the services it is for; a runbook for no service applies to nothing
 * @param alertMatchers every one must match the alert's labels
 * @param gracePeriodSeconds how long the first page waits while it runs (automatic runbooks only)
 * @param verificationSeconds after a success, how long the incident has to resolve before the run counts as ineffective
 * @param triggerAtLevel when an automatic runbook is requested: {@link #WHEN_OPENED} when the incident opens, N >= 2
 *                       when its escalation pages level N
 */
public record Runbook(
        String runbookId,
        int version,
        String contentHash,
        String title,
        String ownerTeamId,
        RunbookMode mode,
        List<String> serviceIds,
        List<AlertMatcher> alertMatchers,
        List<Parameter> parameters,
        int gracePeriodSeconds,
        int verificationSeconds,
        int triggerAtLevel) {

    /** The trigger level of a runbook requested when its incident opens: what every runbook did before levels. */
    public static final int WHEN_OPENED = 1;

    public Runbook {
        Objects.requireNonNull(runbookId, "runbookId");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(mode, "mode");
        title = title == null ? "" : title;
        serviceIds = serviceIds == null ? List.of() : List.copyOf(serviceIds);
        alertMatchers = alertMatchers == null ? List.of() : List.copyOf(alertMatchers);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        if (triggerAtLevel < WHEN_OPENED) {
            throw new IllegalArgumentException("runbook " + runbookId + ": triggerAtLevel " + triggerAtLevel
                    + " is below " + WHEN_OPENED);
        }
    }

    public boolean automatic() {
        return mode == RunbookMode.AUTOMATIC;
    }

    /** Whether it is requested, if automatic, when its escalation pages this level (1: when the incident opens). */
    public boolean triggeredAt(int level) {
        return triggerAtLevel == level;
    }

    /** Whether it is meant for an incident of this service with an alert of these labels. */
    public boolean appliesTo(String serviceId, Map<String, String> labels) {
        return serviceId != null && serviceIds.contains(serviceId)
                && alertMatchers.stream().allMatch(matcher -> matcher.matches(labels));
    }
}
