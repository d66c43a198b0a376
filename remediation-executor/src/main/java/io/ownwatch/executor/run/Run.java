package io.ownwatch.executor.run;

import io.ownwatch.executor.action.PlannedStep;
import io.ownwatch.executor.policy.Requester;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One run, as persisted.
 *
 * @param stateReason  why it is in its state (the policy's refusal, the failing step, "approval expired")
 * @param refusedField what the policy refused, when it did
 * @param decidedBy    the person who approved or rejected it
 * @param plan         the planned steps (what a shadow run would have done)
 */
public record Run(UUID id, RunRequest request, RunState state, String stateReason, String refusedField,
        boolean shadow, String decidedBy, Instant stateChangedAt, Instant startedAt, Instant finishedAt,
        List<PlannedStep> plan, List<StepRecord> steps) {

    public Run {
        plan = plan == null ? List.of() : List.copyOf(plan);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public Requester requester() {
        return request.requester();
    }

    public Run withSteps(List<StepRecord> recorded) {
        return new Run(id, request, state, stateReason, refusedField, shadow, decidedBy, stateChangedAt, startedAt,
                finishedAt, plan, recorded);
    }
}
