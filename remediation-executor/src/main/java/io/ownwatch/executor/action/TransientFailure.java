package io.ownwatch.executor.action;

import java.util.function.Predicate;

/**
 * Which failures an idempotent action is retried on: an {@link ActionFailed} that may pass (an I/O error, a 5xx).
 * A refusal, a redirect or a 4xx would fail the same way again. Named in remediation-executor.yml as the retry's
 * {@code retry-exception-predicate}.
 */
public class TransientFailure implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        return failure instanceof ActionFailed failed && failed.isTransient();
    }
}
