package io.ownwatch.router.remediation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One state change of a remediation run, as the executor reports it on {@code remediation.results.v1}.
 *
 * @param eventId the router records each result once, by this id
 * @param person the person who made this change (approved or rejected it), or {@code null} when the executor did
 * @param reason why it was rejected or failed, or {@code null}
 */
public record RemediationResult(
        String eventId,
        String requestId,
        UUID incidentId,
        String runbookId,
        String contentHash,
        Outcome outcome,
        String reason,
        List<Step> steps,
        String person,
        Instant occurredAt) {

    public RemediationResult {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(runbookId, "runbookId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(occurredAt, "occurredAt");
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** The contract's outcomes; a symbol this router does not know arrives as UNKNOWN. */
    public enum Outcome {
        UNKNOWN, AWAITING_APPROVAL, APPROVED, REJECTED, STARTED, SUCCEEDED, FAILED, TIMED_OUT, INEFFECTIVE
    }

    /** What one step of the run did. */
    public record Step(String name, boolean succeeded, String detail) {
        public Step {
            Objects.requireNonNull(name, "name");
        }
    }
}
