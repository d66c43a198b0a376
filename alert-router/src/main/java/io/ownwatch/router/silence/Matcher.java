package io.ownwatch.router.silence;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One condition on an alert's labels, as in Alertmanager: a missing label reads as the empty string, and a
 * regular expression must match the whole value (it is anchored).
 */
public record Matcher(String label, Op op, String value) {

    /** How the label's value is compared. */
    public enum Op {
        EQUALS, NOT_EQUALS, REGEX
    }

    public Matcher {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
    }

    /** Whether the labels satisfy this condition. */
    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        return switch (op) {
            case EQUALS -> actual.equals(value);
            case NOT_EQUALS -> !actual.equals(value);
            case REGEX -> Pattern.compile(value).matcher(actual).matches();
        };
    }
}
