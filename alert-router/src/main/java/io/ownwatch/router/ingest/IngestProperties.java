package io.ownwatch.router.ingest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP ingest endpoints.
 *
 * @param maxBodyBytes largest request body accepted; larger ones get 413 before anything is read into memory beyond it
 * @param retryAfter what a 503 tells the sender to wait before retrying
 * @param topic where accepted alerts are written
 * @param brokerTimeout longest wait for the broker's acknowledgement of a request's alerts before answering 503
 * @param maxAlertsPerRequest most alerts one plain JSON request may hold (its array or {@code alerts} list); more are
 *        refused with 400 naming the list, on top of the body-size limit
 * @param producer Kafka producer settings of the ingest's own producer, over the binder's common ones
 *        ({@code spring.cloud.stream.kafka.binder.configuration} and {@code producer-properties}): how long
 *        concurrent requests wait to share one batch ({@code linger.ms}) and how large it grows
 */
@Validated
@ConfigurationProperties("ownwatch.router.ingest")
public record IngestProperties(
        @DefaultValue("1048576") @Positive long maxBodyBytes,
        @DefaultValue("5s") @NotNull Duration retryAfter,
        @DefaultValue("alerts.v1") @NotBlank String topic,
        @DefaultValue("10s") @NotNull Duration brokerTimeout,
        @DefaultValue("1000") @Positive int maxAlertsPerRequest,
        Map<String, String> producer,
        @DefaultValue("true") boolean leanPath) {

    public IngestProperties {
        producer = producer == null ? Map.of() : Map.copyOf(producer);
    }
}
