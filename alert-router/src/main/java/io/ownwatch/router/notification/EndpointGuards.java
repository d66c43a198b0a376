package io.ownwatch.router.notification;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.stereotype.Component;

/**
 * A Resilience4j circuit breaker and bulkhead per endpoint, made on first use from the shared configuration named
 * {@value #CONFIG} ({@code resilience4j.circuitbreaker.configs.notification}, {@code resilience4j.bulkhead.configs.notification}),
 * so an endpoint nobody configured is guarded too. Instances are named {@code notification-<endpoint>} and show on
 * /actuator/prometheus. Neither waits: an open circuit or a full bulkhead refuses at once, and the queue decides
 * when to try again; there is no retry decorator because the queue's back-off is the retry.
 */
@Component
class EndpointGuards {

    static final String CONFIG = "notification";

    private final CircuitBreakerRegistry circuitBreakers;
    private final BulkheadRegistry bulkheads;

    EndpointGuards(CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads) {
        this.circuitBreakers = circuitBreakers;
        this.bulkheads = bulkheads;
    }

    /**
     * Runs the send within the endpoint's bulkhead and circuit breaker.
     *
     * @throws io.github.resilience4j.circuitbreaker.CallNotPermittedException when the endpoint's circuit is open
     * @throws io.github.resilience4j.bulkhead.BulkheadFullException when the endpoint has too many sends in flight
     */
    void call(String endpoint, Runnable send) {
        String name = instanceName(endpoint);
        CircuitBreaker circuitBreaker = circuitBreakers.circuitBreaker(name, CONFIG);
        Bulkhead bulkhead = bulkheads.bulkhead(name, CONFIG);
        Bulkhead.decorateRunnable(bulkhead, CircuitBreaker.decorateRunnable(circuitBreaker, send)).run();
    }

    /** {@code notification-} and the endpoint with anything but letters, digits, dots and dashes made a dash. */
    static String instanceName(String endpoint) {
        return "notification-" + endpoint.replaceAll("[^A-Za-z0-9.-]", "-");
    }
}
