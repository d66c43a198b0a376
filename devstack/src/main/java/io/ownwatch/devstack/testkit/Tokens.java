package io.ownwatch.devstack.testkit;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.ownwatch.devstack.DevStack;
import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.identity.IdentityProvider;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Access tokens for tests, from the infrastructure's real identity provider. {@link #person} goes through the
 * whole browser flow a person would (authorization code with PKCE, login form with its CSRF token) using the
 * {@code ownwatch-cli} client; {@link #client} uses client credentials. The other methods make the tokens a
 * service must refuse.
 *
 * <pre>{@code
 * String bob = TestInfrastructure.tokens().person("bob");
 * request.header("Authorization", "Bearer " + bob);
 * }</pre>
 */
public final class Tokens {

    /** The public client people log in with, and its registered redirect (never actually called). */
    public static final String CLI_CLIENT = "ownwatch-cli";
    public static final String CLI_REDIRECT = "http://127.0.0.1:8976/callback";

    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Infrastructure infrastructure;
    private final Map<String, String> people = new ConcurrentHashMap<>();

    public Tokens(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** What the token endpoint answered at the end of a person's login. */
    public record Grant(String accessToken, String idToken, String refreshToken) {
    }

    /** A sample person's access token (password {@code <username>-password}), fetched once and then cached. */
    public String person(String username) {
        return people.computeIfAbsent(username, name -> login(name, name + "-password").accessToken());
    }

    /**
     * The full authorization-code flow with PKCE, as a browser and the CLI would do it: authorize, login form,
     * back to authorize, the redirect carrying the code, then the code and verifier exchanged for tokens.
     *
     * @throws LoginRefused when the provider does not accept the credentials
     */
    public Grant login(String username, String password) {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        String issuer = infrastructure.issuerUri();
        String verifier = base64Url(randomBytes(32));
        String state = UUID.randomUUID().toString();
        URI authorize = URI.create(issuer + "/oauth2/authorize?" + form(Map.of(
                "response_type", "code",
                "client_id", CLI_CLIENT,
                "redirect_uri", CLI_REDIRECT,
                "scope", "openid profile",
                "state", state,
                "code_challenge", base64Url(sha256(verifier)),
                "code_challenge_method", "S256")));
        HttpResponse<String> toLogin = send(browser, html(authorize).GET().build());
        URI loginPage = redirect(toLogin, authorize);
        HttpResponse<String> page = send(browser, html(loginPage).GET().build());
        Matcher csrf = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !csrf.find()) {
            throw new IllegalStateException("No login form with a CSRF token at " + loginPage + " (HTTP " + page.statusCode() + ")");
        }
        URI login = URI.create(issuer + "/login");
        HttpResponse<String> loggedIn = send(browser, html(login)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "username", username,
                        "password", password,
                        "_csrf", csrf.group(1) != null ? csrf.group(1) : csrf.group(2)))))
                .build());
        URI afterLogin = redirect(loggedIn, login);
        if (afterLogin.getPath().equals("/login")) {
            throw new LoginRefused(username);
        }
        HttpResponse<String> toCallback = send(browser, html(afterLogin).GET().build());
        URI callback = redirect(toCallback, afterLogin);
        Map<String, String> query = parseQuery(callback.getRawQuery());
        if (!callback.toString().startsWith(CLI_REDIRECT) || query.get("code") == null) {
            throw new IllegalStateException("Expected a redirect to " + CLI_REDIRECT + " with a code, got " + callback);
        }
        if (!state.equals(query.get("state"))) {
            throw new IllegalStateException("The provider returned another state than it was given: " + callback);
        }
        Map<String, Object> tokens = tokenRequest(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token")), Map.of(
                "grant_type", "authorization_code",
                "code", query.get("code"),
                "redirect_uri", CLI_REDIRECT,
                "client_id", CLI_CLIENT,
                "code_verifier", verifier));
        return new Grant((String) tokens.get("access_token"), (String) tokens.get("id_token"), (String) tokens.get("refresh_token"));
    }

    /** A client-credentials access token, e.g. {@code client("alert-router", "alert-router-secret", "registry.resolve")}. */
    public String client(String clientId, String secret, String scope) {
        String basic = Base64.getEncoder().encodeToString(
                (urlEncode(clientId) + ":" + urlEncode(secret)).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> tokens = tokenRequest(
                HttpRequest.newBuilder(URI.create(infrastructure.issuerUri() + "/oauth2/token")).header("Authorization", "Basic " + basic),
                Map.of("grant_type", "client_credentials", "scope", scope));
        return (String) tokens.get("access_token");
    }

    /** The person's real claims, signed with the provider's real key, but expired an hour ago. */
    public String expired(String username) {
        Map<String, Object> claims = claims(person(username));
        Instant now = Instant.now();
        return identityProvider().sign(claimsSet(claims, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))));
    }

    /** The person's claims, but issued by another issuer and signed with a key this provider never published. */
    public String foreignIssuer(String username) {
        Map<String, Object> claims = claims(person(username));
        claims.put("iss", "https://idp.elsewhere.example");
        try {
            var key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
            Instant now = Instant.now();
            JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("JWT").build();
            return encoder.encode(JwtEncoderParameters.from(header, claimsSet(claims, now, now.plus(Duration.ofMinutes(10))))).getTokenValue();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a foreign signing key", e);
        }
    }

    /** The given token with its payload changed (subject {@code alice}, role {@code ops-admin}) and its signature kept. */
    public String tampered(String validToken) {
        String[] parts = validToken.split("\\.");
        Map<String, Object> claims = claims(validToken);
        claims.put("sub", "alice");
        claims.put("roles", List.of("ops-admin"));
        try {
            return parts[0] + "." + base64Url(JSON.writeValueAsBytes(claims)) + "." + parts[2];
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real token of the provider, but for another audience: {@code foreign-app}'s client credentials. */
    public String wrongAudience() {
        return client("foreign-app", "foreign-app-secret", "foreign.read");
    }

    /** A token's claims, decoded without any verification. */
    public static Map<String, Object> claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a signed JWT");
        }
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JWT payload", e);
        }
    }

    /** Thrown by {@link #login} when the login form refuses the credentials. */
    public static final class LoginRefused extends RuntimeException {
        LoginRefused(String username) {
            super("The identity provider refused the login of " + username);
        }
    }

    private IdentityProvider identityProvider() {
        if (infrastructure instanceof DevStack stack) {
            return stack.identityProvider();
        }
        if (infrastructure instanceof ContainerInfrastructure containers) {
            return containers.identityProvider();
        }
        throw new UnsupportedOperationException("No embedded identity provider to sign test tokens with in " + infrastructure);
    }

    private static JwtClaimsSet claimsSet(Map<String, Object> claims, Instant issuedAt, Instant expiresAt) {
        Map<String, Object> copy = new LinkedHashMap<>(claims);
        copy.keySet().removeAll(List.of("iat", "exp", "nbf", "jti"));
        return JwtClaimsSet.builder()
                .claims(all -> all.putAll(copy))
                .id(UUID.randomUUID().toString())
                .issuedAt(issuedAt)
                .notBefore(issuedAt)
                .expiresAt(expiresAt)
                .build();
    }

    private Map<String, Object> tokenRequest(HttpRequest.Builder request, Map<String, String> parameters) {
        HttpResponse<String> response = send(HttpClient.newHttpClient(), request
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters)))
                .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The token endpoint answered HTTP " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readValue(response.body(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException("The token endpoint answered no JSON: " + response.body(), e);
        }
    }

    private static HttpRequest.Builder html(URI uri) {
        // The provider sends browsers (Accept: text/html) without a session to its login form.
        return HttpRequest.newBuilder(uri).header("Accept", "text/html").timeout(Duration.ofSeconds(30));
    }

    private static URI redirect(HttpResponse<String> response, URI from) {
        if (response.statusCode() / 100 != 3) {
            throw new IllegalStateException("Expected a redirect from " + from + ", got HTTP " + response.statusCode() + ": " + response.body());
        }
        return from.resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("A redirect without a Location from " + from)));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach the identity provider at " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(pair.substring(0, equals),
                            java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
