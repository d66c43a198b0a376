package io.ownwatch.router.incident;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How alerts become incidents ({@code ownwatch.router.grouping}); the pure decisions take it as their policy.
 *
 * @param by labels whose values together make the group key (Alertmanager's {@code group_by}): a new alert with the
 *           same values joins an open incident instead of opening one. An alert that lacks one of them groups with
 *           nothing, because absent labels say nothing about being the same problem. Empty turns grouping off.
 * @param window how long after an incident's last alert a new alert may still join it
 * @param autoResolve whether an incident resolves once every one of its alerts has resolved; false leaves that to a person
 * @param flapping when an alert counts as flapping
 * @param deduplicatedEvery at most one ALERT_DEDUPLICATED timeline event per incident per this interval (the first
 *                          repeat always gets one), so a storm of repeats does not flood the timeline
 * @param settleEvery how often flapping incidents are checked for having calmed down
 */
@Validated
@ConfigurationProperties("ownwatch.router.grouping")
public record FormationProperties(
        @DefaultValue({"service", "alertname"}) @NotNull List<String> by,
        @DefaultValue("5m") @NotNull Duration window,
        @DefaultValue("true") boolean autoResolve,
        @DefaultValue @Valid @NotNull Flapping flapping,
        @DefaultValue("1m") @NotNull Duration deduplicatedEvery,
        @DefaultValue("30s") @NotNull Duration settleEvery) {

    public FormationProperties {
        by = List.copyOf(by);
    }

    /**
     * Flapping detection.
     *
     * @param threshold an alert whose status changed more often than this within the window is flapping
     * @param window the window changes are counted in, and how long a flapping incident must be quiet to resolve
     */
    public record Flapping(
            @DefaultValue("4") @Positive int threshold,
            @DefaultValue("30m") @NotNull Duration window) {
    }

    /** The defaults, for tests and replays. */
    public static FormationProperties defaults() {
        return new FormationProperties(List.of("service", "alertname"), Duration.ofMinutes(5), true,
                new Flapping(4, Duration.ofMinutes(30)), Duration.ofMinutes(1), Duration.ofSeconds(30));
    }
}
