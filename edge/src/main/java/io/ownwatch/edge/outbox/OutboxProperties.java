package io.ownwatch.edge.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay polls.
 *
 * @param pollDelay pause between polls once the backlog is drained; short, because other services' views follow it
 * @param batchSize most messages published per transaction
 */
@Validated
@ConfigurationProperties("ownwatch.outbox")
public record OutboxProperties(
        @DefaultValue("200ms") Duration pollDelay,
        @DefaultValue("100") @Positive int batchSize) {
}
