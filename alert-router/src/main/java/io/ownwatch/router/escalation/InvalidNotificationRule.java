package io.ownwatch.router.escalation;

/** Contact rules that cannot be stored as given; names the offending field. */
public class InvalidNotificationRule extends RuntimeException {

    private final String field;

    public InvalidNotificationRule(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
