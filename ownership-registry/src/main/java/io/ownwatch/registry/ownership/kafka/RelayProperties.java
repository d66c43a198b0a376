package io.ownwatch.registry.ownership.kafka;

import java.time.Duration;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ownership outbox relay.
 *
 * @param pollDelay pause between polls of the outbox; short, because the router's view of ownership follows it
 * @param batchSize most changes published per poll
 */
@Validated
@ConfigurationProperties("ownwatch.registry.ownership.relay")
record RelayProperties(
        @DefaultValue("200ms") Duration pollDelay,
        @DefaultValue("100") @Positive int batchSize) {
}
