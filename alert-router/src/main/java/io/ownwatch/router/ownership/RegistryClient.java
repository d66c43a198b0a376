package io.ownwatch.router.ownership;

import java.net.http.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The one HTTP client of the router towards the ownership-registry: base URL and timeouts from
 * {@link OwnershipProperties}, and the router's own client-credentials token on every call. Owner resolution,
 * membership checks and escalation look-ups share it, each with its own Resilience4j guards around it.
 */
@Component
public class RegistryClient {

    private static final Logger log = LoggerFactory.getLogger(RegistryClient.class);

    private final RestClient client;

    RegistryClient(OwnershipProperties properties, ObjectProvider<RestClient.Builder> builders,
            ObjectProvider<ClientRegistrationRepository> clientRegistrations,
            ObjectProvider<OAuth2AuthorizedClientService> authorizedClients) {
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
    }

    /** The client; calls through it are unguarded, so every caller wraps them in its own breaker and retry. */
    public RestClient rest() {
        return client;
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
}
