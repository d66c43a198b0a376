package io.ownwatch.edge.deadletter;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The back-off of one listener container: it asks, on every attempt, how the latest failure of the record is
 * classified, and follows that class's back-off, starting it afresh when the class changes.
 *
 * <p>Why per attempt: {@code DefaultErrorHandler}'s back-off function is asked once per failed record and again
 * only when the root exception's class changes, but Spring Cloud Stream wraps every listener failure in the same
 * {@code MessageHandlingException}. A record first caught by a database outage and then refused for good would
 * keep the unlimited transient back-off and block its partition forever.
 *
 * <p>The container's error handler reports each failure with {@link #failed} on the consumer thread right before
 * it asks for the next back-off (spring-kafka calls its retry listeners first), so the class lives in a
 * thread-local: each consumer thread of a concurrent container retries its own record.
 */
final class ClassifiedBackOff implements BackOff {

    private static final BackOff NO_RETRY = new FixedBackOff(0L, 0L);

    private final ThreadLocal<FailureClass> latest = new ThreadLocal<>();
    private final BackOff bindingBackOff;
    private final BackOff transientBackOff;

    /**
     * @param bindingBackOff the binding's own back-off (from max-attempts), for {@link FailureClass#OTHER};
     *        null means no retry
     * @param transientBackOff for {@link FailureClass#TRANSIENT}; should never stop
     */
    ClassifiedBackOff(BackOff bindingBackOff, BackOff transientBackOff) {
        this.bindingBackOff = bindingBackOff == null ? NO_RETRY : bindingBackOff;
        this.transientBackOff = transientBackOff;
    }

    /** Exponential from {@code initialMillis}, doubling up to {@code maxMillis}, without limit of attempts or time. */
    static BackOff unlimited(long initialMillis, long maxMillis) {
        ExponentialBackOff backOff = new ExponentialBackOff(initialMillis, 2.0);
        backOff.setMaxInterval(maxMillis);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        return backOff;
    }

    /** The back-off a failure of this class gets. */
    BackOff backOffFor(FailureClass failure) {
        return switch (failure) {
            case PERMANENT -> NO_RETRY;
            case TRANSIENT -> transientBackOff;
            case OTHER -> bindingBackOff;
        };
    }

    /** The record being retried on this thread has just failed like this. */
    void failed(FailureClass failure) {
        latest.set(failure);
    }

    /** The record on this thread is done with (recovered, or recovery failed and its state was reset). */
    void clear() {
        latest.remove();
    }

    @Override
    public BackOffExecution start() {
        return new BackOffExecution() {

            private FailureClass current;
            private BackOffExecution delegate;

            @Override
            public long nextBackOff() {
                FailureClass failure = latest.get();
                if (failure == null) {
                    // No failure reported: spring-kafka probing at construction whether this back-off retries at all.
                    return 0L;
                }
                if (failure != current) {
                    current = failure;
                    delegate = backOffFor(failure).start();
                }
                return delegate.nextBackOff();
            }
        };
    }
}
