package io.ownwatch.executor.run;

import java.time.Instant;

/** What one step of a run did, as recorded; the detail is the step runner's bounded, secret-masked excerpt. */
public record StepRecord(int position, String name, String status, String detail, Instant startedAt,
        Instant finishedAt) {

    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }
}
