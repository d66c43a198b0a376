package io.ownwatch.executor.run;

/**
 * Where a run is. Written before anything acts: a run found {@code RUNNING} with no live executor behind it ends
 * {@code UNKNOWN} (a person must look), never runs again. {@code SHADOWED} is a dry run that was planned and
 * reported, with nothing acted on.
 */
public enum RunState {
    REQUESTED, AWAITING_APPROVAL, APPROVED, REJECTED, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, UNKNOWN, SHADOWED;

    public boolean finished() {
        return switch (this) {
            case REJECTED, SUCCEEDED, FAILED, TIMED_OUT, UNKNOWN, SHADOWED -> true;
            case REQUESTED, AWAITING_APPROVAL, APPROVED, RUNNING -> false;
        };
    }
}
