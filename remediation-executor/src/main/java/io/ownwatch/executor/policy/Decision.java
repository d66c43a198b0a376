package io.ownwatch.executor.policy;

import io.ownwatch.executor.action.PlannedStep;
import java.util.List;

/** The policy's answer. */
public sealed interface Decision {

    /**
     * The run may go ahead.
     *
     * @param needsApproval a person other than the requester must approve it first
     * @param shadow        dry run: nothing acts, the plan is reported
     */
    record Allowed(boolean needsApproval, boolean shadow, List<PlannedStep> plan) implements Decision {
        public Allowed {
            plan = List.copyOf(plan);
        }
    }

    /**
     * The run must not go ahead.
     *
     * @param reason in words a responder can act on
     * @param field  what was refused ({@code contentHash}, {@code killSwitch}, {@code parameters.pod})
     * @param code   the refusal's kind, for metrics and for the HTTP status of a refused approval
     */
    record Refused(Code code, String field, String reason) implements Decision {
    }

    /** Every kind of refusal. */
    enum Code {
        KILL_SWITCH, NOT_IN_CATALOG, VERSION_MISMATCH, HASH_MISMATCH, SERVICE_NOT_COVERED, REQUESTER_NOT_ALLOWED,
        MEMBERSHIP_UNKNOWN, OWNER_UNKNOWN, NO_OPS_POLICY, CONCURRENT_RUN, RUNBOOK_RATE_LIMIT, SERVICE_RATE_LIMIT,
        COOLDOWN, STEP_REFUSED, BLAST_RADIUS, OWN_REQUEST
    }
}
