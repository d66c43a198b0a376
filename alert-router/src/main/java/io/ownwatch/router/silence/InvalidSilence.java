package io.ownwatch.router.silence;

/** A silence that cannot be created as asked; names the offending field. */
public class InvalidSilence extends RuntimeException {

    private final String field;

    public InvalidSilence(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
