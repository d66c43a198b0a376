package io.ownwatch.executor.policy.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the executor asks the ownership-registry about team memberships.
 *
 * @param url                  base URL of the ownership-registry
 * @param connectTimeout       how long to wait for a connection
 * @param readTimeout          how long to wait for the answer
 * @param clientRegistrationId the OAuth2 client registration whose client-credentials token the executor presents
 */
@Validated
@ConfigurationProperties("ownwatch.executor.registry")
public record RegistryProperties(
        @DefaultValue("http://localhost:8082") @NotNull URI url,
        @DefaultValue("1s") @NotNull Duration connectTimeout,
        @DefaultValue("2s") @NotNull Duration readTimeout,
        @DefaultValue("remediation-executor") @NotBlank String clientRegistrationId) {
}
