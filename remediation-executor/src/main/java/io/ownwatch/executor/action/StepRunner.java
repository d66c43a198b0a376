package io.ownwatch.executor.action;

/**
 * Runs the steps of approved runbooks. Both methods bind the parameters into the step's settings and check the
 * result before anything is sent: {@link #plan} stops there (dry runs, shadow mode, the policy's blast-radius
 * count), {@link #run} then acts, within the context's timeout, behind a circuit breaker per target.
 */
public interface StepRunner {

    /**
     * Binds and checks without acting.
     *
     * @throws StepRefused when the step must not run as asked
     */
    PlannedStep plan(ActionStep step, StepContext context);

    /**
     * Binds, checks and acts. A target that fails or is slow is an outcome ({@code FAILED}, {@code TIMED_OUT}), not
     * an exception.
     *
     * @throws StepRefused when the step must not run as asked (nothing was sent)
     */
    StepOutcome run(ActionStep step, StepContext context);
}
