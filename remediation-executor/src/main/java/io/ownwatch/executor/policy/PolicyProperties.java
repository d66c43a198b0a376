package io.ownwatch.executor.policy;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The parts of the safety envelope set in configuration rather than through the ops API.
 *
 * @param serviceMaxRunsPerHour most runs (of any runbook) one service may get within an hour
 * @param shadow                global shadow mode until operations set it through {@code PUT /api/v1/policy/shadow}
 */
@Validated
@ConfigurationProperties("ownwatch.executor.policy")
public record PolicyProperties(
        @DefaultValue("6") @Positive int serviceMaxRunsPerHour,
        @DefaultValue("false") boolean shadow) {
}
