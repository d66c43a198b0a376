package io.ownwatch.timeline.rebuild;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where a rebuild reads the timeline from.
 *
 * @param topic             the timeline topic, the store of record
 * @param bootstrapServers  the Kafka brokers (the binder's, unless set)
 * @param schemaRegistryUrl the schema registry the events' writer schemas are fetched from
 * @param pollTimeout       how long one poll of the replaying consumer waits for records
 */
@Validated
@ConfigurationProperties("ownwatch.rebuild")
public record RebuildProperties(@NotBlank String topic, @NotBlank String bootstrapServers,
        @NotBlank String schemaRegistryUrl, @NotNull @DefaultValue("1s") Duration pollTimeout) {
}
