package io.ownwatch.executor.action;

import java.time.Duration;
import java.util.Objects;

/**
 * A step bound and checked by its {@link Action}, ready to act: what {@link StepRunner#plan} reports and what
 * {@link StepRunner#run} executes behind the target's circuit breaker.
 *
 * @param description what it does, secrets masked
 * @param targets     how many targets it touches
 * @param target      the circuit breaker's and bulkhead's key ({@code http:checkout.internal}, {@code kubernetes:prod})
 * @param idempotent  whether doing it twice has the effect of doing it once: only then it is retried
 * @param execution   the act itself
 */
public record PreparedAction(String description, int targets, String target, boolean idempotent, Execution execution) {

    public PreparedAction {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(execution, "execution");
    }

    /** Acts once. */
    @FunctionalInterface
    public interface Execution {

        /**
         * @param timeLeft how long this attempt may take at most
         * @return the outcome's detail (bounded; masked by the runner)
         * @throws ActionFailed when the target did not do what was asked
         */
        String execute(Duration timeLeft);
    }
}
