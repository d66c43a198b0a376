package io.ownwatch.executor.policy.registry;

import io.ownwatch.executor.policy.Membership;
import java.net.http.HttpClient;
import java.util.List;
import java.util.stream.Collectors;
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
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * Asks the ownership-registry which teams a person belongs to ({@code GET /api/v1/people/{id}/teams}) as the
 * executor's own client (client credentials, scope {@code registry.resolve}). Membership is not in the token and the
 * registry is its one source, so when the registry cannot answer the answer is {@link Membership.Unknown}, which
 * the policy refuses: a responder is never let through on a guess. One attempt, no retry: the caller is a person
 * waiting for an answer or a run that is checked again later.
 */
@Component
public class TeamMemberships {

    private final RestClient client;

    TeamMemberships(RegistryProperties properties, ObjectProvider<RestClient.Builder> builders,
            ObjectProvider<ClientRegistrationRepository> clientRegistrations,
            ObjectProvider<OAuth2AuthorizedClientService> authorizedClients) {
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .build());
        requestFactory.setReadTimeout(properties.readTimeout());
        RestClient.Builder builder = builders.getIfAvailable(RestClient::builder)
                .baseUrl(properties.url().toString())
                .requestFactory(requestFactory);
        ClientRegistrationRepository registrations = clientRegistrations.getIfAvailable();
        String registrationId = properties.clientRegistrationId();
        if (registrations != null && registrations.findByRegistrationId(registrationId) != null) {
            var interceptor = new OAuth2ClientHttpRequestInterceptor(
                    new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients.getObject()));
            interceptor.setClientRegistrationIdResolver(request -> registrationId);
            Authentication executor = new AnonymousAuthenticationToken(registrationId, registrationId,
                    AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
            interceptor.setPrincipalResolver(request -> executor);
            interceptor.setAuthorizationFailureHandler(
                    OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients.getObject()));
            builder.requestInterceptor(interceptor);
        }
        this.client = builder.build();
    }

    /** The person's teams, none when the registry does not know them, or Unknown when it could not answer. */
    public Membership of(String personId) {
        try {
            PersonTeams answer = client.get()
                    .uri("/api/v1/people/{id}/teams", personId)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .retrieve()
                    .body(PersonTeams.class);
            if (answer == null || answer.teams() == null) {
                return new Membership.Unknown("the ownership registry answered without teams for " + personId);
            }
            return new Membership.Known(answer.teams().stream().map(Team::id).collect(Collectors.toUnmodifiableSet()));
        }
        catch (HttpClientErrorException.NotFound e) {
            return new Membership.Known(java.util.Set.of());
        }
        catch (RuntimeException e) {
            // Unreachable, 5xx, no token: all the same to the policy, which refuses.
            return new Membership.Unknown("the ownership registry could not say which teams " + personId
                    + " belongs to (" + e.getClass().getSimpleName() + ")");
        }
    }

    record PersonTeams(String personId, List<Team> teams) {
    }

    record Team(String id) {
    }
}
