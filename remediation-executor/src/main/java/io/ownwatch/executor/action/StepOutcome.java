package io.ownwatch.executor.action;

import java.time.Instant;

/**
 * What running one step did.
 *
 * @param detail bounded and secret-masked: an HTTP status with an excerpt of the body, a deployment's new state
 */
public record StepOutcome(String name, Status status, String detail, Instant startedAt, Instant finishedAt) {

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /** How the step ended. */
    public enum Status {
        SUCCEEDED, FAILED, TIMED_OUT
    }
}
