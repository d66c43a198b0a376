package io.ownwatch.registry.escalation;

/** An escalation policy with this id exists already. */
public class EscalationPolicyAlreadyExists extends RuntimeException {

    public EscalationPolicyAlreadyExists(String id) {
        super("An escalation policy with id '" + id + "' already exists.");
    }
}
