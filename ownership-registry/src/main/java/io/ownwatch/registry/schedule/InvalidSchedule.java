package io.ownwatch.registry.schedule;

/** A schedule, layer or override breaks a rule; names the field so the web edge can say which. */
public class InvalidSchedule extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidSchedule(String field, String reason) {
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

    /** The same problem for a field nested under {@code prefix}, e.g. {@code layers[2].}. */
    public InvalidSchedule under(String prefix) {
        return new InvalidSchedule(prefix + field, reason);
    }
}
