package io.ownwatch.timeline.incident.kafka;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where dead letters are published. The binder's own DLQ cannot see records that fail to deserialise
 * (the listener container rejects them before the binder does), so this service publishes them itself.
 *
 * @param bootstrapServers  the Kafka brokers, normally the binder's
 * @param schemaRegistryUrl the schema registry, for dead letters that are still decodable events
 */
@Validated
@ConfigurationProperties("ownwatch.timeline.dead-letter")
record DeadLetterProperties(@NotBlank String bootstrapServers, @NotBlank String schemaRegistryUrl) {
}
