package io.ownwatch.registry.schedule;

/** A schedule, layer or override breaks a rule; names the field so the web edge can say which. */
public class InvalidSchedule extends RuntimeException {

    private final String field;

    public InvalidSchedule(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
