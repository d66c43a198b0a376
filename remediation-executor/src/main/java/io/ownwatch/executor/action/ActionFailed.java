package io.ownwatch.executor.action;

/**
 * The target was reached (or tried) and did not do what the step asked: an HTTP status other than the expected one,
 * a redirect, a deployment that is not there, an I/O error. Becomes a {@code FAILED} outcome, never escapes
 * {@link StepRunner#run}.
 */
public class ActionFailed extends RuntimeException {

    private final boolean transientFailure;

    /**
     * @param detail           what happened, already masked: it becomes the outcome's detail
     * @param transientFailure whether trying again may help (an I/O error, a 5xx): only then an idempotent
     *                         action is retried
     */
    public ActionFailed(String detail, boolean transientFailure) {
        super(detail, null, false, false);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
