package io.ownwatch.executor.action;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/** A {@link GuardedStepRunner} without Spring, its Resilience4j configuration as remediation-executor.yml sets it. */
public final class Runners {

    private Runners() {
    }

    public static GuardedStepRunner runner(Secrets secrets, MeterRegistry meters, Action... actions) {
        String config = GuardedStepRunner.CONFIG;
        return new GuardedStepRunner(List.of(actions), secrets,
                CircuitBreakerRegistry.of(Map.of(config, CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(10).minimumNumberOfCalls(4).failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofMinutes(1))
                        .ignoreExceptions(io.github.resilience4j.bulkhead.BulkheadFullException.class).build())),
                RetryRegistry.of(Map.of(config, RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(50))
                        .retryOnException(new TransientFailure()).build())),
                BulkheadRegistry.of(Map.of(config, BulkheadConfig.custom().maxConcurrentCalls(4)
                        .maxWaitDuration(Duration.ZERO).build())),
                TimeLimiterRegistry.of(Map.of(config, TimeLimiterConfig.custom().cancelRunningFuture(true).build())),
                meters, Clock.systemUTC());
    }
}
