package io.ownwatch.executor.action;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The executor's {@link StepRunner}: validates the parameters, lets the step's {@link Action} bind and check it,
 * then acts behind Resilience4j, per target (an HTTP host, a cluster): a circuit breaker so a broken target is left
 * alone for a while, a bulkhead so a slow one cannot hold every thread, a time limit from the step's timeout (all
 * attempts together), and a retry only for actions that are idempotent. Instances take the configuration named
 * {@value #CONFIG} ({@code resilience4j.*.configs.remediation-action} in remediation-executor.yml).
 *
 * <p>Every outcome is counted in {@code ownwatch.executor.actions} (tags {@code action}, {@code outcome}); what is
 * logged, returned or thrown has the configured secrets masked.
 */
@Component
public class GuardedStepRunner implements StepRunner {

    /** The Resilience4j configuration every action instance is created from. */
    public static final String CONFIG = "remediation-action";
    static final String METRIC = "ownwatch.executor.actions";
    private static final Logger log = LoggerFactory.getLogger(GuardedStepRunner.class);

    private final Map<ActionType, Action> actions = new EnumMap<>(ActionType.class);
    private final Secrets secrets;
    private final CircuitBreakerRegistry circuitBreakers;
    private final RetryRegistry retries;
    private final BulkheadRegistry bulkheads;
    private final TimeLimiterConfig timeLimits;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ExecutorService calls;

    @Autowired
    GuardedStepRunner(List<Action> actions, Secrets secrets, CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries, BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters, MeterRegistry meters,
            ObjectProvider<Clock> clock) {
        this(actions, secrets, circuitBreakers, retries, bulkheads, timeLimiters, meters,
                clock.getIfAvailable(Clock::systemUTC));
    }

    public GuardedStepRunner(List<Action> actions, Secrets secrets, CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries, BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters, MeterRegistry meters,
            Clock clock) {
        for (Action action : actions) {
            for (ActionType type : action.types()) {
                if (this.actions.put(type, action) != null) {
                    throw new IllegalStateException("Two actions run " + type);
                }
            }
        }
        this.secrets = secrets;
        this.circuitBreakers = circuitBreakers;
        this.retries = retries;
        this.bulkheads = bulkheads;
        this.timeLimits = timeLimiters.getConfiguration(CONFIG).orElseGet(timeLimiters::getDefaultConfig);
        this.meters = meters;
        this.clock = clock;
        // Unbounded in threads, bounded in use: the bulkheads admit only so many calls per target.
        this.calls = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "remediation-action");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public PlannedStep plan(ActionStep step, StepContext context) {
        PreparedAction prepared;
        try {
            prepared = prepare(step, context);
        }
        catch (ActionFailed ex) {
            // Planning may read a cluster (to count pods); if it cannot, nothing can be promised about the targets.
            throw new StepRefused("settings", "the targets could not be checked: " + secrets.mask(ex.getMessage()));
        }
        return new PlannedStep(step.name(), step.action(), secrets.mask(prepared.description()), prepared.targets());
    }

    @Override
    public StepOutcome run(ActionStep step, StepContext context) {
        Instant startedAt = clock.instant();
        Timer.Sample sample = Timer.start(meters);
        PreparedAction prepared;
        try {
            prepared = prepare(step, context);
        }
        catch (StepRefused ex) {
            record(sample, step.action(), "refused");
            log.info("Run {}: step '{}' refused: {}", context.runId(), step.name(), ex.getMessage());
            throw ex;
        }
        catch (ActionFailed ex) {
            return finish(sample, step, context, startedAt, StepOutcome.Status.FAILED, ex.getMessage());
        }
        log.info("Run {}: step '{}' starts: {}", context.runId(), step.name(), secrets.mask(prepared.description()));
        try {
            String detail = guarded(prepared, context.timeout(), startedAt);
            return finish(sample, step, context, startedAt, StepOutcome.Status.SUCCEEDED, detail);
        }
        catch (ActionFailed ex) {
            return finish(sample, step, context, startedAt, StepOutcome.Status.FAILED, ex.getMessage());
        }
        catch (CallNotPermittedException ex) {
            return finish(sample, step, context, startedAt, StepOutcome.Status.FAILED,
                    "circuit breaker open for " + prepared.target() + ": it failed repeatedly, nothing was sent");
        }
        catch (BulkheadFullException ex) {
            return finish(sample, step, context, startedAt, StepOutcome.Status.FAILED,
                    "too many actions in flight against " + prepared.target() + ", nothing was sent");
        }
        catch (StepTimedOut ex) {
            return finish(sample, step, context, startedAt, StepOutcome.Status.TIMED_OUT,
                    "no result within " + context.timeout() + " from " + prepared.target());
        }
    }

    /** Stops the threads of attempts still running past their time limit. */
    public void close() {
        calls.shutdownNow();
    }

    private PreparedAction prepare(ActionStep step, StepContext context) {
        Action action = actions.get(step.action());
        if (action == null) {
            throw new StepRefused("action", step.action() + " is not supported by this executor");
        }
        ParameterSchema schema = ParameterSchema.parse(context.parameterSchema());
        Map<String, String> parameters = schema.validate(context.parameters());
        try {
            return action.prepare(new BoundStep(step, context, schema, parameters, secrets));
        }
        catch (StepRefused ex) {
            String masked = secrets.mask(ex.getMessage());
            if (masked.equals(ex.getMessage())) {
                throw ex;
            }
            throw new StepRefused(ex.field(), masked.substring(Math.min(masked.length(), ex.field().length() + 2)));
        }
    }

    /** Retry (idempotent only) around circuit breaker around time limit around bulkhead around one attempt. */
    private String guarded(PreparedAction prepared, Duration timeout, Instant startedAt) {
        Instant deadline = startedAt.plus(timeout);
        CircuitBreaker circuitBreaker = circuitBreakers.circuitBreaker(prepared.target(), CONFIG);
        Bulkhead bulkhead = bulkheads.bulkhead(prepared.target(), CONFIG);
        ActionFailed[] lastFailure = new ActionFailed[1];
        Supplier<String> attempt = () -> {
            if (!clock.instant().isBefore(deadline) && lastFailure[0] != null) {
                // No time for another attempt: the step ends with what the last one said, not as a time-out.
                throw new ActionFailed(lastFailure[0].getMessage(), false);
            }
            try {
                return circuitBreaker.executeSupplier(() -> limited(prepared, bulkhead, deadline));
            }
            catch (ActionFailed ex) {
                lastFailure[0] = ex;
                throw ex;
            }
        };
        if (!prepared.idempotent()) {
            return attempt.get();
        }
        Retry retry = retries.retry(prepared.target(), CONFIG);
        return Retry.decorateSupplier(retry, attempt).get();
    }

    private String limited(PreparedAction prepared, Bulkhead bulkhead, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new StepTimedOut();
        }
        TimeLimiter limiter = TimeLimiter.of(prepared.target(), TimeLimiterConfig.from(timeLimits)
                .timeoutDuration(left).build());
        try {
            return limiter.executeFutureSupplier(() -> calls.submit(
                    () -> Bulkhead.decorateSupplier(bulkhead, () -> prepared.execution().execute(left)).get()));
        }
        catch (TimeoutException ex) {
            throw new StepTimedOut();
        }
        catch (ExecutionException ex) {
            throw unwrap(ex.getCause());
        }
        catch (RuntimeException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw unwrap(ex.getCause() == null ? ex : ex.getCause());
        }
    }

    private RuntimeException unwrap(Throwable cause) {
        if (cause instanceof ActionFailed || cause instanceof BulkheadFullException || cause instanceof StepTimedOut) {
            return (RuntimeException) cause;
        }
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new ActionFailed(secrets.mask(cause.getClass().getSimpleName() + ": " + cause.getMessage()), true);
    }

    private StepOutcome finish(Timer.Sample sample, ActionStep step, StepContext context, Instant startedAt,
            StepOutcome.Status status, String detail) {
        String masked = secrets.mask(detail);
        record(sample, step.action(), status.name().toLowerCase(java.util.Locale.ROOT));
        log.info("Run {}: step '{}' {}: {}", context.runId(), step.name(), status,
                masked.length() > 500 ? masked.substring(0, 500) + " [...]" : masked);
        return new StepOutcome(step.name(), status, masked, startedAt, clock.instant());
    }

    private void record(Timer.Sample sample, ActionType action, String outcome) {
        sample.stop(Timer.builder(METRIC)
                .description("Remediation steps by action type and outcome")
                .tag("action", action.name())
                .tag("outcome", outcome)
                .register(meters));
    }

    /** The step's time ran out. */
    private static final class StepTimedOut extends RuntimeException {

        StepTimedOut() {
            super("timed out", null, false, false);
        }
    }
}
