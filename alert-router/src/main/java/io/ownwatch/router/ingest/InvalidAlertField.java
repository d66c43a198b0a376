package io.ownwatch.router.ingest;

/** A field of an alert payload is missing or has a value we cannot use; nothing was published. */
public class InvalidAlertField extends RuntimeException {

    private final String field;

    InvalidAlertField(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The path of the offending field, e.g. {@code alerts[0].labels}. */
    public String field() {
        return field;
    }
}
