package io.ownwatch.router.ownership;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the ownership-registry whether a team exists ({@code GET /api/v1/teams/{id}}), before an incident is handed to
 * it: an incident reassigned to a team nobody has heard of would never page anyone. Asked by the responder API before
 * the incident is locked, never inside its transaction, with the responder API's guards: the retry named
 * {@code registry} and the circuit breaker {@value TeamMemberships#INSTANCE}. Never cached: a team created a moment
 * ago is known at once.
 */
@Component
public class KnownTeams {

    private final RestClient client;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    KnownTeams(RegistryClient registry, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        this.client = registry.rest();
        this.circuitBreaker = circuitBreakers.circuitBreaker(TeamMemberships.INSTANCE);
        this.retry = retries.retry(OwnerResolver.INSTANCE);
    }

    /**
     * Whether the registry knows the team.
     *
     * @throws TeamsUnknown when the registry cannot answer
     */
    public boolean exists(String teamId) {
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, () -> lookUp(teamId)))
                    .get();
        } catch (CallNotPermittedException | RestClientException | OAuth2AuthorizationException e) {
            throw new TeamsUnknown(teamId, e);
        }
    }

    private boolean lookUp(String teamId) {
        try {
            client.get()
                    .uri("/api/v1/teams/{id}", teamId)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .retrieve()
                    .toBodilessEntity();
            return true;
        } catch (HttpClientErrorException.NotFound e) {
            return false;
        }
    }

    /** The registry could not say whether a team exists. */
    public static class TeamsUnknown extends RuntimeException {
        TeamsUnknown(String teamId, Throwable cause) {
            super("The ownership registry could not say whether team " + teamId + " exists", cause);
        }
    }
}
