package io.ownwatch.executor.run;

import java.time.Instant;
import java.util.List;

/**
 * One state change of a run as it goes to {@code remediation.results.v1}: the outbox payload, mapped onto the
 * RemediationResult contract by the Kafka adapter. Carries no parameter values at all, so no secret can leak here.
 *
 * @param outcome a RemediationOutcome symbol
 */
public record ResultMessage(String eventId, String requestId, String incidentId, String runbookId, String contentHash,
        String outcome, String reason, List<Step> steps, String actorKind, String actorId, Instant occurredAt) {

    public ResultMessage {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A step as the result reports it. */
    public record Step(String name, boolean succeeded, String detail, Instant startedAt, Instant finishedAt) {
    }
}
