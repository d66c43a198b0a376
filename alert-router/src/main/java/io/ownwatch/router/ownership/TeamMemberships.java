package io.ownwatch.router.ownership;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>
 * A responder acting on an incident (acknowledge, note, resolve in a row) would ask the same question every few
 * seconds, so each answer is reused for {@link OwnershipProperties#membershipCacheTtl()} (30 s): a person removed from
 * a team keeps acting for it up to that long. Failures are never cached: the next action asks again.
 */
@Component
public class TeamMemberships {

    static final String INSTANCE = "registry-membership";

    /** Far more people than act on incidents within one TTL: a bound on memory, not a tuning knob. */
    static final int MAX_CACHED = 10_000;

    private final RestClient client;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    TeamMemberships(RegistryClient registry, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
            OwnershipProperties properties, Clock clock) {
        this.client = registry.rest();
        this.circuitBreaker = circuitBreakers.circuitBreaker(INSTANCE);
        this.retry = retries.retry(OwnerResolver.INSTANCE);
        this.ttl = properties.membershipCacheTtl();
        this.clock = clock;
    }

    /**
     * The ids of the teams the person belongs to; none when the registry does not know the person.
     *
     * @throws MembershipUnknown when the registry cannot answer
     */
    public Set<String> teamsOf(String personId) {
        Instant now = clock.instant();
        Cached cached = cache.get(personId);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.teams();
        }
        Set<String> teams;
        try {
            teams = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, () -> lookUp(personId)))
                    .get();
        } catch (CallNotPermittedException | RestClientException | IllegalStateException | OAuth2AuthorizationException e) {
            cache.remove(personId);
            throw new MembershipUnknown(personId, e);
        }
        if (!ttl.isZero() && !ttl.isNegative()) {
            if (cache.size() >= MAX_CACHED) {
                // Crude but bounded: everyone asks the registry once more, which is what happens without a cache.
                cache.clear();
            }
            cache.put(personId, new Cached(teams, now.plus(ttl)));
        }
        return teams;
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

    private record Cached(Set<String> teams, Instant expiresAt) {
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
