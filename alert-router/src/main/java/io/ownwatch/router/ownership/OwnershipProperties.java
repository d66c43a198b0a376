package io.ownwatch.router.ownership;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the router finds owners.
 *
 * @param registryUrl base URL of the ownership-registry
 * @param catchAllTeam team that takes incidents whose owner cannot be found
 * @param connectTimeout how long to wait for a connection to the registry
 * @param readTimeout how long to wait for the registry's answer
 * @param clientRegistrationId the OAuth2 client registration ({@code spring.security.oauth2.client.registration.*})
 *                             whose client-credentials token the router presents to the registry
 */
@Validated
@ConfigurationProperties("ownwatch.router.ownership")
public record OwnershipProperties(
        @DefaultValue("http://localhost:8082") @NotNull URI registryUrl,
        @DefaultValue("operations") @NotBlank String catchAllTeam,
        @DefaultValue("1s") @NotNull Duration connectTimeout,
        @DefaultValue("2s") @NotNull Duration readTimeout,
        @DefaultValue("alert-router") @NotBlank String clientRegistrationId) {
}
