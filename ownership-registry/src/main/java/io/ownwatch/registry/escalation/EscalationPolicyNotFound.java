package io.ownwatch.registry.escalation;

/** No escalation policy has this id. */
public class EscalationPolicyNotFound extends RuntimeException {

    public EscalationPolicyNotFound(String id) {
        super("No escalation policy with id '" + id + "'.");
    }
}
