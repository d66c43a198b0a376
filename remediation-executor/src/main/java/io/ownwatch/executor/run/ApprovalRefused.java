package io.ownwatch.executor.run;

import io.ownwatch.executor.policy.Decision;

/** A person who may not approve or reject this run: the requester, someone outside the owning team, or unknown. */
public class ApprovalRefused extends RuntimeException {

    private final Decision.Refused refusal;

    public ApprovalRefused(Decision.Refused refusal) {
        super(refusal.reason());
        this.refusal = refusal;
    }

    /** True when the registry could not say: the refusal may not hold once it answers again. */
    public boolean membershipUnknown() {
        return refusal.code() == Decision.Code.MEMBERSHIP_UNKNOWN;
    }

    public String field() {
        return refusal.field();
    }
}
