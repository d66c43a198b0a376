package io.ownwatch.devstack.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * A real OAuth2 / OpenID Connect provider (Spring Authorization Server) on 127.0.0.1, for the embedded run and the
 * tests: the sample people {@code alice} (ops-admin), {@code bob} and {@code erin} (responders), {@code carol}
 * (support) and {@code dave} (viewer), password {@code <name>-password}; the clients {@code ownwatch-cli}
 * (public, authorization code with PKCE), {@code alert-router} and {@code foreign-app} (client credentials).
 * The issuer is {@code http://127.0.0.1:<port>}; discovery at {@code /.well-known/openid-configuration}. The
 * signing key lives in {@code <directory>/signing-key.jwk.json}, so tokens and the JWKS survive a restart.
 */
public final class IdentityProvider implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IdentityProvider.class);

    private final AnnotationConfigServletWebServerApplicationContext context;
    private final String issuerUri;
    private final int port;
    private final NimbusJwtEncoder encoder;

    private IdentityProvider(AnnotationConfigServletWebServerApplicationContext context, String issuerUri, int port, RSAKey key) {
        this.context = context;
        this.issuerUri = issuerUri;
        this.port = port;
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    /**
     * Starts the provider.
     *
     * @param directory where the signing key is kept (created if missing)
     * @param port      the port, 0 for any free port
     */
    public static IdentityProvider start(Path directory, int port) {
        long started = System.nanoTime();
        RSAKey key = SigningKey.loadOrCreate(directory);
        // The issuer is part of every token, so the port must be known before the server starts.
        int actualPort = port == 0 ? freePort() : port;
        String issuer = "http://127.0.0.1:" + actualPort;
        AnnotationConfigServletWebServerApplicationContext context = new AnnotationConfigServletWebServerApplicationContext();
        context.setDisplayName("ownwatch-identity");
        context.registerBean(IdentityServerConfiguration.IdentitySettings.class,
                () -> new IdentityServerConfiguration.IdentitySettings(actualPort, issuer, key));
        context.register(IdentityServerConfiguration.class);
        try {
            context.refresh();
        } catch (RuntimeException e) {
            context.close();
            throw new IllegalStateException("The identity provider failed to start on port " + actualPort, e);
        }
        log.info("Identity provider up in {} ms: issuer {}", (System.nanoTime() - started) / 1_000_000, issuer);
        return new IdentityProvider(context, issuer, actualPort, key);
    }

    /** The issuer, e.g. {@code http://127.0.0.1:9000}: what services set as {@code ownwatch.security.issuer-uri}. */
    public String issuerUri() {
        return issuerUri;
    }

    public int port() {
        return port;
    }

    /**
     * Signs arbitrary claims with the provider's real key, for tests that need a token the provider would never
     * issue (already expired, wrong audience, forged roles). Never used by the provider's own endpoints.
     */
    public String sign(JwtClaimsSet claims) {
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the identity provider", e);
        }
    }
}
