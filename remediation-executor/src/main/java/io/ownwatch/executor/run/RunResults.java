package io.ownwatch.executor.run;

import io.ownwatch.edge.outbox.Outbox;
import io.ownwatch.executor.action.PlannedStep;
import io.ownwatch.executor.policy.Requester;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Results on their way to {@code remediation.results.v1}: appended to the outbox (stream {@value #STREAM}) in the
 * transaction that changes the run, keyed by incident id so that one incident's results stay in order. A run
 * outside any incident (a person's self-service run) has no timeline to land on and publishes nothing; its record
 * is the run API.
 */
@Component
public class RunResults {

    public static final String STREAM = "results";
    /** Who the executor's own decisions (sweeps, expiry, policy refusals) are by. */
    static final String SELF = "remediation-executor";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final Outbox outbox;

    RunResults(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Outcome names of the RemediationResult contract. */
    enum Outcome {
        AWAITING_APPROVAL, APPROVED, REJECTED, STARTED, SUCCEEDED, FAILED, TIMED_OUT, UNKNOWN
    }

    /** A decision of the executor itself: actor SYSTEM. */
    @Transactional(propagation = Propagation.MANDATORY)
    void bySystem(Run run, Outcome outcome, String reason, List<ResultMessage.Step> steps, Instant at) {
        append(run, outcome, reason, steps, "SYSTEM", SELF, at);
    }

    /** A decision of a person (approve, reject): that person is the actor. */
    @Transactional(propagation = Propagation.MANDATORY)
    void byPerson(Run run, Outcome outcome, String reason, String personId, Instant at) {
        append(run, outcome, reason, List.of(), "PERSON", personId, at);
    }

    /**
     * A run acting: the person who approved it is the actor, or else whoever asked (the router's automation, an
     * ops-admin), so that the timeline says on whose word it ran.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void onBehalf(Run run, Outcome outcome, String reason, List<ResultMessage.Step> steps, Instant at) {
        if (run.decidedBy() != null) {
            append(run, outcome, reason, steps, "PERSON", run.decidedBy(), at);
            return;
        }
        Requester requester = run.requester();
        String kind = switch (requester.kind()) {
            case PERSON -> "PERSON";
            case AUTOMATION -> "AUTOMATION";
            case OTHER -> "UNKNOWN";
        };
        append(run, outcome, reason, steps, kind, requester.id(), at);
    }

    private void append(Run run, Outcome outcome, String reason, List<ResultMessage.Step> steps, String actorKind,
            String actorId, Instant at) {
        String incidentId = run.request().incidentId();
        if (incidentId == null) {
            return;
        }
        ResultMessage message = new ResultMessage(UUID.randomUUID().toString(), run.request().requestId(), incidentId,
                run.request().runbookId(), run.request().contentHash() == null ? "" : run.request().contentHash(),
                outcome.name(), reason, steps, actorKind, actorId, at);
        outbox.append(STREAM, incidentId, JSON.writeValueAsString(message));
    }

    /** The recorded steps as the result reports them. */
    static List<ResultMessage.Step> steps(List<StepRecord> steps) {
        return steps.stream().map(step -> new ResultMessage.Step(step.name(), step.succeeded(), step.detail(),
                step.startedAt(), step.finishedAt())).toList();
    }

    /** What a shadow run would have done, one entry per planned step, none of them acted. */
    static List<ResultMessage.Step> wouldRun(List<PlannedStep> plan, Instant at) {
        return plan.stream().map(step -> new ResultMessage.Step(step.name(), false,
                "would run: " + step.description(), at, null)).toList();
    }

    public static ResultMessage read(String payload) {
        return JSON.readValue(payload, ResultMessage.class);
    }
}
