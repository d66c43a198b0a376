package io.ownwatch.router.ownership;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

/**
 * Finds who owns an alert. The local {@link OwnershipView} of {@code ownership.v1} answers when it is
 * current and knows a matching service: no remote call on the alert's path. On a miss (a service newer
 * than the view) or while the view is stale, the ownership-registry answers
 * ({@code POST /api/v1/resolve}), guarded by the Resilience4j bulkhead, time limiter, circuit breaker
 * and retry named {@code registry} (configured in alert-router.yml, metrics on /actuator/prometheus):
 * retry is safe because resolving is a read. When the registry cannot answer, a stale view still
 * does, and only then the catch-all team takes the incident. The router calls as itself, with a
 * client-credentials token for the registration {@code ownwatch.router.ownership.client-registration-id}.
 * Whatever goes wrong, a token that cannot be obtained included, the answer is an owner: the
 * catch-all team, with the reason.
 */
@Component
public class OwnerResolver {

    static final String INSTANCE = "registry";
    private static final Logger log = LoggerFactory.getLogger(OwnerResolver.class);

    private final RestClient client;
    private final OwnershipView view;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final Bulkhead bulkhead;
    private final TimeLimiter timeLimiter;
    private final ExecutorService calls;
    private final String catchAllTeam;

    OwnerResolver(OwnershipProperties properties, OwnershipView view, RegistryClient registry,
            CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, BulkheadRegistry bulkheads,
            TimeLimiterRegistry timeLimiters) {
        this.view = view;
        this.client = registry.rest();
        this.circuitBreaker = circuitBreakers.circuitBreaker(INSTANCE);
        this.retry = retries.retry(INSTANCE);
        this.bulkhead = bulkheads.bulkhead(INSTANCE);
        this.timeLimiter = timeLimiters.timeLimiter(INSTANCE);
        // Unbounded in threads, bounded in use: the bulkhead admits only so many calls at once.
        this.calls = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "registry-resolve");
            thread.setDaemon(true);
            return thread;
        });
        this.catchAllTeam = properties.catchAllTeam();
    }

    /** Finds the owner of an alert with these labels; never throws. */
    public Owner resolve(Map<String, String> labels) {
        if (view.isCurrent()) {
            Optional<Owner.Resolved> local = view.owner(labels);
            if (local.isPresent()) {
                return local.get();
            }
        }
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, () -> limited(labels))).get()
                    .<Owner>map(found -> new Owner.Resolved(found.serviceId(), found.serviceName(), found.teamId(),
                            found.teamName(), found.escalationPolicyId()))
                    .orElseGet(() -> new Owner.Unknown(catchAllTeam, "no service in the ownership registry matches the alert's labels"));
        } catch (CallNotPermittedException e) {
            return fallback(labels, "circuit breaker open", e);
        } catch (BulkheadFullException e) {
            return fallback(labels, "too many concurrent look-ups", e);
        } catch (RestClientException | IllegalStateException | OAuth2AuthorizationException e) {
            return fallback(labels, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** One attempt, within the bulkhead and the time limit. */
    private Optional<ResolveResponse> limited(Map<String, String> labels) {
        try {
            return timeLimiter.executeFutureSupplier(
                    () -> CompletableFuture.supplyAsync(Bulkhead.decorateSupplier(bulkhead, () -> lookUp(labels)), calls));
        } catch (TimeoutException e) {
            throw new ResourceAccessException("the registry did not answer within "
                    + timeLimiter.getTimeLimiterConfig().getTimeoutDuration());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The registry cannot answer: a view that is not current is better than nobody, the catch-all last. */
    private Owner fallback(Map<String, String> labels, String why, Exception e) {
        Optional<Owner.Resolved> local = view.owner(labels);
        if (local.isPresent()) {
            log.info("Ownership registry unavailable ({}); answered from the local view", why);
            return local.get();
        }
        return unavailable(why, e);
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
