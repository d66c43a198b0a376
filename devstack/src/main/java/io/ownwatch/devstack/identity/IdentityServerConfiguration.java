package io.ownwatch.devstack.identity;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * The identity provider's whole Spring context: Tomcat on 127.0.0.1, the authorization-server filter chain, form
 * login, the sample people and clients. Deliberately no auto-configuration, so that nothing meant for the services
 * (edge's resource-server security, their config files) leaks in, and start-up stays short.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class IdentityServerConfiguration {

    private final IdentitySettings settings;

    IdentityServerConfiguration(IdentitySettings settings) {
        this.settings = settings;
    }

    @Bean
    TomcatServletWebServerFactory identityWebServer() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(settings.port());
        factory.setAddress(InetAddress.getLoopbackAddress());
        // Everything is served by Spring Security's filters, but Tomcat runs filters only for a request mapped to
        // some servlet: the default servlet is that servlet (and answers 404 for the rest).
        factory.setRegisterDefaultServlet(true);
        return factory;
    }

    /** The protocol endpoints (authorize, token, JWKS, discovery, userinfo); a browser without a session goes to the login form. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                // Userinfo is called with an access token.
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(Customizer.withDefaults()))
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    /** Everything else: the login form people sign in on during the authorization-code flow. */
    @Bean
    @Order(2)
    SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService people() {
        return new InMemoryUserDetailsManager(SamplePeople.ALL.stream()
                .map(person -> User.withUsername(person.username())
                        .password(person.passwordHash())
                        .authorities(SamplePeople.authority(person.role()))
                        .build())
                .toList());
    }

    @Bean
    RegisteredClientRepository clients() {
        return new InMemoryRegisteredClientRepository(SampleClients.all());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        // A fixed issuer: tokens must carry the same iss whether fetched through 127.0.0.1 or localhost.
        return AuthorizationServerSettings.builder().issuer(settings.issuerUri()).build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource() {
        return new ImmutableJWKSet<>(new JWKSet(settings.signingKey()));
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
        return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
    }

    /**
     * Access tokens for Ownwatch's clients name Ownwatch as their audience (the default would be the client id),
     * and people's tokens carry their roles. Team membership stays out: it lives in the ownership registry.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> ownwatchClaims() {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            if (SampleClients.OWNWATCH_CLIENTS.contains(context.getRegisteredClient().getClientId())) {
                context.getClaims().audience(List.of(SampleClients.OWNWATCH_AUDIENCE));
            }
            if (context.getPrincipal() instanceof UsernamePasswordAuthenticationToken person) {
                List<String> roles = new ArrayList<>();
                for (GrantedAuthority authority : person.getAuthorities()) {
                    String role = SamplePeople.role(authority.getAuthority());
                    if (role != null) {
                        roles.add(role);
                    }
                }
                context.getClaims().claim("roles", roles);
            }
        };
    }

    /** What the provider needs from whoever starts it. */
    record IdentitySettings(int port, String issuerUri, RSAKey signingKey) {
    }
}
