package io.ownwatch.executor.action;

import java.util.Set;

/**
 * One kind of step (HTTP, Kubernetes). Preparing reads the bound settings and checks them and the target; it sends
 * nothing that changes anything, so a dry run can call it.
 */
public interface Action {

    /** The step types this action runs. */
    Set<ActionType> types();

    /**
     * Checks the bound step and returns what would run.
     *
     * @throws StepRefused   when the step must not run as asked
     * @throws ActionFailed  when the target could not be read to check it
     */
    PreparedAction prepare(BoundStep step);
}
