package io.ownwatch.router.integration;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How integration keys and signatures are checked.
 *
 * @param keyCacheTtl how long a key that was found stays trusted without asking the database again; also how
 *                    long another router instance may still accept a key revoked elsewhere
 * @param signatureTolerance how far the signed timestamp may be from server time, either way, before a signed
 *                           request is refused as stale (a replay guard)
 */
@Validated
@ConfigurationProperties("ownwatch.router.integrations")
public record IntegrationProperties(
        @DefaultValue("10s") @NotNull Duration keyCacheTtl,
        @DefaultValue("5m") @NotNull Duration signatureTolerance) {
}
