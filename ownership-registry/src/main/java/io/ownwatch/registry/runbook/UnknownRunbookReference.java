package io.ownwatch.registry.runbook;

/** A runbook names a team or service that does not exist (422), naming the field. */
public class UnknownRunbookReference extends RuntimeException {

    private final String field;

    public UnknownRunbookReference(String field, String kind, String id) {
        super("'" + field + "' names no existing " + kind + ": '" + id + "'.");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
