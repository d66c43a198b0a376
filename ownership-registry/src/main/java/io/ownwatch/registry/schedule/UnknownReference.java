package io.ownwatch.registry.schedule;

/** A field names a team, person or schedule that does not exist. */
public class UnknownReference extends RuntimeException {

    private final String field;

    public UnknownReference(String field, String kind, String id) {
        super("'" + field + "' names no existing " + kind + ": '" + id + "'.");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
