package io.ownwatch.router.ingest.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A security chain of its own for the ingest paths, in front of the resource server's (edge): ingest requests carry
 * an integration key, never a person's token, and {@link IngestAdmission} checks that key itself. The general chain
 * would only run a dozen filters for nothing on every alert post (bearer-token resolution, anonymous
 * authentication, session management, request cache, ...); profiling the webhook ingest showed them, each wrapped in
 * its observation, taking a fifth of a request's CPU. What stays: the security response headers and an explicit
 * "permit all", so that this chain reads as the decision it is. The POSTs themselves no longer reach it: the lean path
 * ({@link IngestFilter}) answers them in front of every filter and writes the same headers.
 */
@Configuration(proxyBeanMethods = false)
class IngestSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain ingestChain(HttpSecurity http) throws Exception {
        http.securityMatcher(PathKeyFilter.INGEST + "**")
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        return http.build();
    }
}
