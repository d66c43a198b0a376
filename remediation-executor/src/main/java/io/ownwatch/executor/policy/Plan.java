package io.ownwatch.executor.policy;

import io.ownwatch.executor.action.PlannedStep;
import java.util.List;

/** The runbook's steps bound to the request's parameters ({@code StepRunner.plan}), or why they could not be. */
public sealed interface Plan {

    record Planned(List<PlannedStep> steps) implements Plan {
        public Planned {
            steps = List.copyOf(steps);
        }

        public int targets() {
            return steps.stream().mapToInt(PlannedStep::targets).sum();
        }
    }

    /** A step refused its parameters or target: nothing may run. */
    record Refused(String field, String reason) implements Plan {
    }

    /** Not planned because the runbook is missing: the catalog refusal comes first. */
    record NotPlanned() implements Plan {
    }
}
