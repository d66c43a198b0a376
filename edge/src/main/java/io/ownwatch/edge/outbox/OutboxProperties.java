package io.ownwatch.edge.outbox;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
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
 * @param retention how long a published message is kept (to look up what was sent) before the relay deletes it, so
 *        that the table and its indexes stay the size of the recent past however many bursts went through
 */
@Validated
@ConfigurationProperties("ownwatch.outbox")
public record OutboxProperties(
        @DefaultValue("200ms") Duration pollDelay,
        @DefaultValue("100") @Positive int batchSize,
        @DefaultValue("1h") @NotNull Duration retention) {
}
