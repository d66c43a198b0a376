package io.ownwatch.executor.run;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How runs are claimed, watched and expired.
 *
 * @param pollDelay        pause between looks for runs to decide or start (a new request starts one at once)
 * @param workers          runs one instance executes at the same time
 * @param heartbeatEvery   how often an instance confirms the runs it executes are still in hand
 * @param staleAfter       a RUNNING run without a heartbeat for this long is abandoned: it ends UNKNOWN
 * @param approvalTimeout  how long a run waits for approval before it is rejected as expired
 */
@Validated
@ConfigurationProperties("ownwatch.executor.runs")
public record RunProperties(
        @DefaultValue("500ms") @NotNull Duration pollDelay,
        @DefaultValue("4") @Positive int workers,
        @DefaultValue("5s") @NotNull Duration heartbeatEvery,
        @DefaultValue("30s") @NotNull Duration staleAfter,
        @DefaultValue("30m") @NotNull Duration approvalTimeout) {
}
