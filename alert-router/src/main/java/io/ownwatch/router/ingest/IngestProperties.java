package io.ownwatch.router.ingest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP ingest endpoints.
 *
 * @param maxBodyBytes largest request body accepted; larger ones get 413 before anything is read into memory beyond it
 * @param retryAfter what a 503 tells the sender to wait before retrying
 */
@Validated
@ConfigurationProperties("ownwatch.router.ingest")
public record IngestProperties(
        @DefaultValue("1048576") @Positive long maxBodyBytes,
        @DefaultValue("5s") @NotNull Duration retryAfter) {
}
