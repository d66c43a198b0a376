package io.ownwatch.router.ownership;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the ownership-registry which teams a person belongs to ({@code GET /api/v1/people/{id}/teams}), the
 * question asked before a responder may act on an incident. Membership is not in the token, and the registry is its
 * one source, so the answer is never guessed: when the registry cannot answer, {@link MembershipUnknown} is thrown
 * and the action is refused (503), never allowed. The router calls as itself (client credentials), with the retry
 * named {@code registry} (a read, safe to retry) and a circuit breaker of its own, {@value #INSTANCE}: a burst of
 * refused membership look-ups must not open the breaker that alert routing depends on.
 */
@Component
public class TeamMemberships {

    static final String INSTANCE = "registry-membership";

    private final RestClient client;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    TeamMemberships(RegistryClient registry, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        this.client = registry.rest();
        this.circuitBreaker = circuitBreakers.circuitBreaker(INSTANCE);
        this.retry = retries.retry(OwnerResolver.INSTANCE);
    }

    /**
     * The ids of the teams the person belongs to; none when the registry does not know the person.
     *
     * @throws MembershipUnknown when the registry cannot answer
     */
    public Set<String> teamsOf(String personId) {
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, () -> lookUp(personId)))
                    .get();
        } catch (CallNotPermittedException | RestClientException | IllegalStateException | OAuth2AuthorizationException e) {
            throw new MembershipUnknown(personId, e);
        }
    }

    private Set<String> lookUp(String personId) {
        try {
            PersonTeams answer = client.get()
                    .uri("/api/v1/people/{id}/teams", personId)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .retrieve()
                    .body(PersonTeams.class);
            if (answer == null || answer.teams() == null) {
                throw new IllegalStateException("the registry answered without teams");
            }
            return answer.teams().stream().map(Team::id).collect(Collectors.toUnmodifiableSet());
        } catch (HttpClientErrorException.NotFound e) {
            return Set.of();
        }
    }

    /** The registry's answer; fields the router does not use are ignored. */
    record PersonTeams(String personId, List<Team> teams) {
    }

    record Team(String id) {
    }

    /** The registry could not say which teams a person belongs to. */
    public static class MembershipUnknown extends RuntimeException {
        MembershipUnknown(String personId, Throwable cause) {
            super("The ownership registry could not say which teams " + personId + " belongs to", cause);
        }
    }
}
