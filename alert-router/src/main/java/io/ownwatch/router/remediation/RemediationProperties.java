package io.ownwatch.router.remediation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the router triggers remediations and verifies their effect. Topics are the bindings' (alert-router.yml).
 *
 * @param defaultVerificationSeconds the verification window of a success whose runbook the router neither requested
 *                                   nor holds (a run asked of the executor directly and since retired)
 * @param verification how verification windows are watched
 */
@Validated
@ConfigurationProperties("ownwatch.router.remediation")
public record RemediationProperties(
        @DefaultValue("300") @Min(1) int defaultVerificationSeconds,
        @DefaultValue @NotNull @Valid Verification verification) {

    /**
     * The poller of due verification windows.
     *
     * @param pollEvery how often it looks for windows that are due (by the database's clock)
     * @param batchSize how many due windows one poll takes at most
     * @param leaseSeconds how long a taken window is left to its instance before another may take it
     */
    public record Verification(
            @DefaultValue("1s") @NotNull Duration pollEvery,
            @DefaultValue("50") @Min(1) @Max(1000) int batchSize,
            @DefaultValue("60") @Min(1) int leaseSeconds) {
    }
}
