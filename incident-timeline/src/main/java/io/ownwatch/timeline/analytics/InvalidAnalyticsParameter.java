package io.ownwatch.timeline.analytics;

/** An analytics parameter that cannot be answered, named so the caller can fix it; nothing is computed. */
public class InvalidAnalyticsParameter extends RuntimeException {

    private final String field;

    public InvalidAnalyticsParameter(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The offending query parameter. */
    public String field() {
        return field;
    }
}
