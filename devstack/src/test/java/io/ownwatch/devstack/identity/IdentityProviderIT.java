package io.ownwatch.devstack.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded provider, used exactly as a browser, the CLI and a service would use it. */
class IdentityProviderIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Infrastructure infrastructure = TestInfrastructure.get();
    private final Tokens tokens = TestInfrastructure.tokens();

    @Test
    void publishesOidcDiscoveryForItsIssuer() throws Exception {
        JsonNode discovery = getJson(infrastructure.issuerUri() + "/.well-known/openid-configuration", null);

        assertThat(discovery.get("issuer").asText()).isEqualTo(infrastructure.issuerUri());
        assertThat(discovery.get("jwks_uri").asText()).isEqualTo(infrastructure.issuerUri() + "/oauth2/jwks");
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
        assertThat(infrastructure.springProperties("identity")).containsEntry("ownwatch.security.issuer-uri", infrastructure.issuerUri());
    }

    @Test
    void logsAPersonInThroughTheAuthorizationCodeFlowWithPkce() throws Exception {
        Tokens.Grant grant = tokens.login("bob", "bob-password");

        Map<String, Object> claims = Tokens.claims(grant.accessToken());
        assertThat(claims).containsEntry("iss", infrastructure.issuerUri()).containsEntry("sub", "bob");
        assertThat(audience(claims)).containsExactly("ownwatch");
        assertThat(claims.get("roles")).asString().isEqualTo("[responder]");
        assertThat(claims.get("scope")).asString().contains("openid");
        assertThat(grant.idToken()).isNotBlank();

        JsonNode userInfo = getJson(infrastructure.issuerUri() + "/userinfo", grant.accessToken());
        assertThat(userInfo.get("sub").asText()).isEqualTo("bob");
    }

    @Test
    void givesEveryRoleItsOwnClaim() {
        assertThat(Tokens.claims(tokens.person("alice")).get("roles")).asString().isEqualTo("[ops-admin]");
        assertThat(Tokens.claims(tokens.person("carol")).get("roles")).asString().isEqualTo("[support]");
        assertThat(Tokens.claims(tokens.person("dave")).get("roles")).asString().isEqualTo("[viewer]");
    }

    @Test
    void refusesAWrongPassword() {
        assertThatThrownBy(() -> tokens.login("bob", "alice-password")).isInstanceOf(Tokens.LoginRefused.class);
    }

    @Test
    void issuesClientCredentialsTokensForOwnwatchAndForeignAudiences() {
        Map<String, Object> router = Tokens.claims(tokens.client("alert-router", "alert-router-secret", "registry.resolve"));
        assertThat(router).containsEntry("sub", "alert-router").containsEntry("iss", infrastructure.issuerUri());
        assertThat(audience(router)).containsExactly("ownwatch");
        assertThat(router.get("scope")).asString().contains("registry.resolve");
        assertThat(router).doesNotContainKey("roles");

        assertThat(audience(Tokens.claims(tokens.wrongAudience()))).containsExactly("foreign-app");
    }

    @Test
    void refusesAClientWithAWrongSecret() {
        assertThatThrownBy(() -> tokens.client("alert-router", "guess", "registry.resolve"))
                .hasMessageContaining("HTTP 401");
    }

    @Test
    void keepsItsSigningKeyAcrossARestart(@TempDir Path directory) throws Exception {
        String firstKeyId;
        try (IdentityProvider first = IdentityProvider.start(directory, 0)) {
            firstKeyId = getJson(first.issuerUri() + "/oauth2/jwks", null).get("keys").get(0).get("kid").asText();
        }
        try (IdentityProvider second = IdentityProvider.start(directory, 0)) {
            JsonNode keys = getJson(second.issuerUri() + "/oauth2/jwks", null).get("keys");
            assertThat(keys).hasSize(1);
            assertThat(keys.get(0).get("kid").asText()).isEqualTo(firstKeyId);
            assertThat(keys.get(0).has("d")).as("the private part is never published").isFalse();
        }
    }

    /** A JWT may carry a single audience as a string or as a one-element array; both mean the same. */
    private static java.util.List<Object> audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        return aud instanceof java.util.List<?> list ? java.util.List.copyOf(list) : java.util.List.of(aud);
    }

    private JsonNode getJson(String uri, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri + " answered " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
