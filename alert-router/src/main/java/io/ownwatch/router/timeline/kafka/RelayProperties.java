package io.ownwatch.router.timeline.kafka;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The timeline outbox relay.
 *
 * @param pollDelay pause between polls of the outbox; short, because timelines feed response-time metrics
 * @param batchSize most entries published per poll
 */
@Validated
@ConfigurationProperties("ownwatch.router.timeline.relay")
record RelayProperties(
        @DefaultValue("200ms") Duration pollDelay,
        @DefaultValue("100") @Positive int batchSize) {
}
