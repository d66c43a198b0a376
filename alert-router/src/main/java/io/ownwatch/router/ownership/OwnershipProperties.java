package io.ownwatch.router.ownership;

import jakarta.validation.Valid;
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
 * @param view how the local view of {@code ownership.v1} is fed and when it counts as stale
 * @param membershipCacheTtl how long the registry's answer to "which teams is this person in" is reused for the
 *                           responder API; a person removed from a team keeps acting for it up to this long
 */
@Validated
@ConfigurationProperties("ownwatch.router.ownership")
public record OwnershipProperties(
        @DefaultValue("http://localhost:8082") @NotNull URI registryUrl,
        @DefaultValue("operations") @NotBlank String catchAllTeam,
        @DefaultValue("1s") @NotNull Duration connectTimeout,
        @DefaultValue("2s") @NotNull Duration readTimeout,
        @DefaultValue("alert-router") @NotBlank String clientRegistrationId,
        @DefaultValue @NotNull @Valid View view,
        @DefaultValue("30s") @NotNull Duration membershipCacheTtl) {

    /**
     * The local view of {@code ownership.v1}.
     *
     * @param topic the compacted topic the registry publishes
     * @param confirmEvery how often the feed checks that it has read up to the topic's end
     * @param staleAfter how long after its last confirmation the view is still trusted without the registry
     */
    public record View(
            @DefaultValue("ownership.v1") @NotBlank String topic,
            @DefaultValue("10s") @NotNull Duration confirmEvery,
            @DefaultValue("1m") @NotNull Duration staleAfter) {
    }
}
