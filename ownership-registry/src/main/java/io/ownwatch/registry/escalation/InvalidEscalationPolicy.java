package io.ownwatch.registry.escalation;

/** An escalation policy breaks a rule; names the field. */
public class InvalidEscalationPolicy extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidEscalationPolicy(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
