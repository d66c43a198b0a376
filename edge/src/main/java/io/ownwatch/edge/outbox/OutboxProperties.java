package io.ownwatch.edge.outbox;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay polls.
 *
 * @param pollDelay longest pause between polls once the backlog is drained (a commit of this instance that appended
 *        ends it early); short, because other instances' messages are found by polling only
 * @param batchSize most messages published per transaction
 */
@Validated
@ConfigurationProperties("ownwatch.outbox")
public record OutboxProperties(
        @DefaultValue("200ms") Duration pollDelay,
        @DefaultValue("100") @Positive int batchSize) {
}
