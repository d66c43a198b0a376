package io.ownwatch.edge.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every servlet service as an OAuth2 resource server, when {@code ownwatch.security.issuer-uri} is set: tokens are
 * checked for signature (the issuer's JWKS), issuer, audience and expiry; everything but probes, metrics, the API
 * description and the configured open paths needs one. Without an issuer the service stays open, as it was before
 * identity existed. Runs before Boot's own security auto-configurations so that they back off, including the
 * Authorization Server's, which the devstack brings onto test and launcher classpaths.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerAutoConfiguration {

    /** Request attribute holding the caller's {@code Authentication} once the token was accepted. */
    public static final String CALLER_ATTRIBUTE = ResourceServerAutoConfiguration.class.getName() + ".caller";

    @Configuration(proxyBeanMethods = false)
    @Conditional(IssuerConfigured.class)
    @EnableWebSecurity
    @EnableMethodSecurity
    static class Secured {

        /**
         * Defined here, not left to Boot, so that any other JwtDecoder auto-configuration backs off, and lazy, so
         * that a service starts even while its issuer is still starting.
         */
        @Bean
        JwtDecoder jwtDecoder(SecurityProperties properties) {
            OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                    new JwtTimestampValidator(properties.clockSkew()),
                    new JwtIssuerValidator(properties.issuerUri()),
                    new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                            audience -> audience != null && audience.contains(properties.audience())));
            return new SupplierJwtDecoder(() -> {
                NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
                decoder.setJwtValidator(validator);
                return decoder;
            });
        }

        @Bean
        SecurityFilterChain resourceServerChain(HttpSecurity http, SecurityProperties properties, JwtDecoder decoder) throws Exception {
            List<String> open = new ArrayList<>(SecurityProperties.ALWAYS_OPEN);
            open.addAll(properties.openPaths());
            JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
            authentication.setJwtGrantedAuthoritiesConverter(new JwtAuthorities());
            ProblemAuthenticationEntryPoint unauthenticated = new ProblemAuthenticationEntryPoint();
            ProblemAccessDeniedHandler forbidden = new ProblemAccessDeniedHandler();
            http.authorizeHttpRequests(authorize -> authorize
                            .requestMatchers(open.toArray(String[]::new)).permitAll()
                            .anyRequest().authenticated())
                    .oauth2ResourceServer(resourceServer -> resourceServer
                            .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authentication))
                            .authenticationEntryPoint(unauthenticated)
                            .accessDeniedHandler(forbidden))
                    .exceptionHandling(exceptions -> exceptions
                            .authenticationEntryPoint(unauthenticated)
                            .accessDeniedHandler(forbidden))
                    .addFilterAfter(new CallerCapture(), BearerTokenAuthenticationFilter.class)
                    // Bearer tokens only: no session to ride on, so no CSRF to forge.
                    .csrf(AbstractHttpConfigurer::disable)
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .requestCache(cache -> cache.disable())
                    .formLogin(AbstractHttpConfigurer::disable)
                    .httpBasic(AbstractHttpConfigurer::disable)
                    .logout(AbstractHttpConfigurer::disable);
            return http.build();
        }

        @Bean
        AccessDeniedAdvice accessDeniedAdvice() {
            return new AccessDeniedAdvice();
        }
    }

    /** No issuer configured: Spring Security is on the classpath but must not lock the service (nor ask for a password). */
    @Configuration(proxyBeanMethods = false)
    @Conditional(IssuerConfigured.Missing.class)
    @EnableWebSecurity
    static class Open {

        @Bean
        SecurityFilterChain openChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                    .csrf(AbstractHttpConfigurer::disable)
                    .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
            return http.build();
        }
    }
}
