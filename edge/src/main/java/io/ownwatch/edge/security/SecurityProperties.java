package io.ownwatch.edge.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service checks the bearer tokens of its callers ({@code ownwatch.security.*}).
 *
 * @param issuerUri the OIDC issuer whose tokens are accepted (discovery and JWKS are fetched from it); when unset
 *                  the service is not secured at all, as before identity existed
 * @param audience  the audience every accepted token must name in {@code aud}
 * @param clockSkew how far {@code exp}/{@code nbf} may be off, for clocks that disagree a little
 * @param openPaths extra path patterns served without a token (e.g. ingest endpoints that use integration keys)
 */
@Validated
@ConfigurationProperties("ownwatch.security")
public record SecurityProperties(
        String issuerUri,
        @DefaultValue("ownwatch") String audience,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue List<String> openPaths) {

    /** Reachable without a token on every service: probes, scrapers and the API description. */
    public static final List<String> ALWAYS_OPEN = List.of(
            "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error");
}
