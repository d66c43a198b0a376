package io.ownwatch.router.ownership;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the ownership-registry who owns an alert ({@code POST /api/v1/resolve}). The call is
 * guarded by the Resilience4j circuit breaker and retry named {@code registry} (configured in
 * alert-router.yml): retry is safe because resolving is a read. The router calls as itself, with a
 * client-credentials token for the registration {@code ownwatch.router.ownership.client-registration-id}.
 * Whatever goes wrong, a token that cannot be obtained included, the answer is an owner: the
 * catch-all team, with the reason.
 */
@Component
public class OwnerResolver {

    static final String INSTANCE = "registry";
    private static final Logger log = LoggerFactory.getLogger(OwnerResolver.class);

    private final RestClient client;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final String catchAllTeam;

    OwnerResolver(OwnershipProperties properties, ObjectProvider<RestClient.Builder> builders,
            ObjectProvider<ClientRegistrationRepository> clientRegistrations,
            ObjectProvider<OAuth2AuthorizedClientService> authorizedClients,
            CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .build());
        requestFactory.setReadTimeout(properties.readTimeout());
        RestClient.Builder builder = builders.getIfAvailable(RestClient::builder)
                .baseUrl(properties.registryUrl().toString())
                .requestFactory(requestFactory);
        ClientRegistrationRepository registrations = clientRegistrations.getIfAvailable();
        if (registrations != null && registrations.findByRegistrationId(properties.clientRegistrationId()) != null) {
            builder.requestInterceptor(clientCredentials(properties.clientRegistrationId(), registrations,
                    authorizedClients.getObject()));
        }
        else {
            log.warn("No OAuth2 client registration '{}': the registry is called without a token",
                    properties.clientRegistrationId());
        }
        this.client = builder.build();
        this.circuitBreaker = circuitBreakers.circuitBreaker(INSTANCE);
        this.retry = retries.retry(INSTANCE);
        this.catchAllTeam = properties.catchAllTeam();
    }

    /**
     * Puts the router's own client-credentials token on every registry call. The token is cached
     * until shortly before it expires, and dropped when the registry answers 401 or 403, so that a
     * rotated key or a changed grant is picked up on the next call. Whoever triggered the lookup,
     * the caller is always the router itself.
     */
    private static OAuth2ClientHttpRequestInterceptor clientCredentials(String registrationId,
            ClientRegistrationRepository registrations, OAuth2AuthorizedClientService authorizedClients) {
        var interceptor = new OAuth2ClientHttpRequestInterceptor(
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients));
        interceptor.setClientRegistrationIdResolver(request -> registrationId);
        Authentication router = new AnonymousAuthenticationToken(registrationId, registrationId,
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        interceptor.setPrincipalResolver(request -> router);
        interceptor.setAuthorizationFailureHandler(
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
        return interceptor;
    }

    /** Finds the owner of an alert with these labels; never throws. */
    public Owner resolve(Map<String, String> labels) {
        Supplier<Optional<ResolveResponse>> call = () -> lookUp(labels);
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, call)).get()
                    .<Owner>map(found -> new Owner.Resolved(found.serviceId(), found.serviceName(), found.teamId(),
                            found.teamName(), found.escalationPolicyId()))
                    .orElseGet(() -> new Owner.Unknown(catchAllTeam, "no service in the ownership registry matches the alert's labels"));
        } catch (CallNotPermittedException e) {
            return unavailable("circuit breaker open", e);
        } catch (RestClientException | IllegalStateException | OAuth2AuthorizationException e) {
            return unavailable(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private Owner unavailable(String why, Exception e) {
        log.warn("Ownership registry unavailable ({}); the catch-all team {} takes the incident", why, catchAllTeam);
        log.debug("Registry failure", e);
        return new Owner.Unknown(catchAllTeam, "ownership registry unavailable: " + why);
    }

    /** 404 means "no service matches": an answer, not a failure, so it never trips the breaker. */
    private Optional<ResolveResponse> lookUp(Map<String, String> labels) {
        try {
            ResolveResponse response = client.post()
                    .uri("/api/v1/resolve")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Map.of("labels", labels))
                    .retrieve()
                    .body(ResolveResponse.class);
            if (response == null || response.serviceId() == null || response.teamId() == null) {
                throw new IllegalStateException("the registry answered without a service or team");
            }
            return Optional.of(response);
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        }
    }

    /** The registry's answer; fields the router does not use yet are ignored. */
    record ResolveResponse(String serviceId, String serviceName, String teamId, String teamName,
            String escalationPolicyId, List<Object> runbooks) {
    }
}
