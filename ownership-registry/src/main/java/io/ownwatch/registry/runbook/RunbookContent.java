package io.ownwatch.registry.runbook;

import java.util.List;

import io.ownwatch.registry.ownership.LabelMatcher;

/**
 * What a runbook version says: everything reviewers approve and the content hash covers, and nothing about its
 * lifecycle. Guardrail fields are never null here: a request that leaves them out gets the defaults below, so the
 * same procedure always hashes the same. {@link RunbookRules} decides whether it is valid.
 *
 * @param title               what people call the runbook
 * @param description         when to use it and what it does
 * @param serviceIds          services it applies to
 * @param alertMatchers       it also applies to an alert of the owning team whose labels all these match
 * @param parameters          typed inputs the steps reference as {@code {{name}}}
 * @param steps               what it does, in order
 * @param mode                automatic, or approved per run
 * @param riskClass           how much harm a failed run can do
 * @param selfService         support may run it, not only the owning team's responders
 * @param maxRunsPerHour      rate limit over all incidents
 * @param cooldownSeconds     minimum pause between two runs
 * @param timeoutSeconds      how long one run may take
 * @param maxTargets          blast radius: how many targets one run may touch
 * @param hostAllowlist       hosts (exact, or {@code *.suffix}) HTTP steps may call
 * @param shadow              dry-run: the executor records what would run and does not act
 * @param gracePeriodSeconds  how long the router holds the first page while this automatic runbook runs
 * @param verificationSeconds how long after a run the alerts have to resolve for the run to count as effective
 * @param triggerAtLevel      when the router requests an automatic runbook: 1 when the incident opens, N when its
 *                            escalation pages level N (the safe fix at once, the drastic one only once level 2 is paged)
 */
public record RunbookContent(String title, String description, List<String> serviceIds, List<LabelMatcher> alertMatchers,
        List<Parameter> parameters, List<Step> steps, RunbookMode mode, RiskClass riskClass, boolean selfService,
        int maxRunsPerHour, int cooldownSeconds, int timeoutSeconds, int maxTargets, List<String> hostAllowlist,
        boolean shadow, int gracePeriodSeconds, int verificationSeconds, int triggerAtLevel) {

    public static final int DEFAULT_MAX_RUNS_PER_HOUR = 1;
    public static final int DEFAULT_COOLDOWN_SECONDS = 600;
    public static final int DEFAULT_TIMEOUT_SECONDS = 300;
    public static final int DEFAULT_MAX_TARGETS = 1;
    public static final int DEFAULT_GRACE_PERIOD_SECONDS = 0;
    public static final int DEFAULT_VERIFICATION_SECONDS = 300;
    public static final int DEFAULT_TRIGGER_AT_LEVEL = 1;
    public static final int MAX_TRIGGER_AT_LEVEL = 10;

    public RunbookContent {
        serviceIds = copy(serviceIds);
        alertMatchers = copy(alertMatchers);
        parameters = copy(parameters);
        steps = copy(steps);
        hostAllowlist = copy(hostAllowlist);
    }

    /** Null elements are kept, so that validation can name them rather than this constructor failing. */
    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }
}
