package io.ownwatch.registry.ownership;

/** A service names an escalation policy that does not exist. */
public class UnknownEscalationPolicy extends RuntimeException {

    public UnknownEscalationPolicy(String policyId) {
        super("No escalation policy with id '" + policyId + "'; create the policy first or leave escalationPolicyId out.");
    }

    /** The request field that names the policy. */
    public String field() {
        return "escalationPolicyId";
    }
}
