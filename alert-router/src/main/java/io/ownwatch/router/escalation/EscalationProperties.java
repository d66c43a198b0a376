package io.ownwatch.router.escalation;

import io.ownwatch.router.alert.Severity;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How incidents escalate.
 *
 * @param enabled               whether this instance runs the timer worker; escalation rows are written either way,
 *                              so an instance started with {@code false} (a test without a registry) leaves every due
 *                              step to the others and loses none
 * @param pollEvery             how often each instance looks for due steps
 * @param batchSize             at most this many steps claimed per look
 * @param claimLease            how long a claimed step is left to its instance for the registry look-ups; after that
 *                              another instance may take it (the step still fires once: its version is re-checked)
 * @param retryInitial          first wait before a step is tried again when the registry could not answer
 * @param retryMax              longest such wait (the wait doubles per failed attempt up to it)
 * @param catchAllPolicyId      the policy of incidents without a service (catch-all team); none: the team's channels
 * @param quietSeverities       severities that page nobody: the team's channels are told once
 * @param pagesPerTeamPerMinute the storm guard's cap on personal pages per team and minute; the rest are summarised
 */
@Validated
@ConfigurationProperties("ownwatch.router.escalation")
public record EscalationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") @NotNull Duration pollEvery,
        @DefaultValue("20") @Min(1) int batchSize,
        @DefaultValue("30s") @NotNull Duration claimLease,
        @DefaultValue("5s") @NotNull Duration retryInitial,
        @DefaultValue("5m") @NotNull Duration retryMax,
        String catchAllPolicyId,
        @DefaultValue({"WARNING", "INFO"}) @NotNull Set<Severity> quietSeverities,
        @DefaultValue("20") @Min(1) int pagesPerTeamPerMinute) {

    /** The wait before attempt {@code attempts + 1} of a step. */
    public Duration backOff(int attempts) {
        Duration wait = retryInitial.multipliedBy(1L << Math.min(attempts, 20));
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
