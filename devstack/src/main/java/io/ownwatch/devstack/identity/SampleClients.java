package io.ownwatch.devstack.identity;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** The OAuth2 clients the embedded provider knows. Secrets are the dev defaults documented in the README. */
final class SampleClients {

    /** The public client of people: the CLI, scripts/get-token and the tests' authorization-code flow. */
    static final String CLI = "ownwatch-cli";
    static final String CLI_REDIRECT = "http://127.0.0.1:8976/callback";
    /** Client ids whose access tokens are meant for Ownwatch's services ({@code aud = ownwatch}). */
    static final Set<String> OWNWATCH_CLIENTS = Set.of(CLI, "alert-router", "remediation-executor");
    static final String OWNWATCH_AUDIENCE = "ownwatch";

    private static final TokenSettings TOKENS = TokenSettings.builder()
            // Long enough for a manual curl session or a test run; the CLI logs in again after that.
            .accessTokenTimeToLive(Duration.ofMinutes(30))
            .build();

    private SampleClients() {
    }

    static List<RegisteredClient> all() {
        RegisteredClient cli = RegisteredClient.withId(UUID.nameUUIDFromBytes(CLI.getBytes()).toString())
                .clientId(CLI)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri(CLI_REDIRECT)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TOKENS)
                .build();
        return List.of(cli,
                confidential("alert-router", "{bcrypt}$2a$10$I8a63klyHcnPeGNwdwede.GVMAMkealg11O3.lWsRDUCQklXcQPxK", "registry.resolve"),
                // The executor reads membership and ownership from the registry (who may run what, where).
                confidential("remediation-executor", "{bcrypt}$2a$10$7O/qjy8JpS1R98ViJ4dKaO5BTnGObO4pd7tjFC1ADET9wcH8dr6RS",
                        "registry.resolve"),
                // A client of some other product on the same provider: its tokens must be refused by every service.
                confidential("foreign-app", "{bcrypt}$2a$10$1W53CqcPRo34vDeTScJQee7pkaMSt5QHaYZOy46h/e7LD09lSfblq", "foreign.read"));
    }

    private static RegisteredClient confidential(String clientId, String secretHash, String scope) {
        return RegisteredClient.withId(UUID.nameUUIDFromBytes(clientId.getBytes()).toString())
                .clientId(clientId)
                .clientSecret(secretHash)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(scope)
                .tokenSettings(TOKENS)
                .build();
    }
}
