package io.ownwatch.registry.ownership;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.ownwatch.schemas.ownership.OwnershipRules;

/**
 * One condition on an alert's labels. Semantics follow Alertmanager so that teams can copy their
 * routing matchers: a missing label reads as the empty string, and regular expressions are anchored
 * (they must match the whole value).
 *
 * @param label the label name
 * @param op    how to compare
 * @param value the literal or, for regex operators, the regular expression
 */
public record LabelMatcher(String label, MatchOp op, String value) {

    public LabelMatcher {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
        if (op.isRegex()) {
            compile(value);
        }
    }

    /** Whether this matcher accepts the given labels. */
    public boolean matches(Map<String, String> labels) {
        return OwnershipRules.matches(io.ownwatch.events.MatchOp.valueOf(op.name()), label, value, labels);
    }

    /** Throws {@link InvalidLabelMatcher} naming the problem when {@code regex} is not a valid Java regular expression. */
    public static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        }
        catch (PatternSyntaxException ex) {
            throw new InvalidLabelMatcher("'" + regex + "' is not a valid regular expression: " + ex.getDescription());
        }
    }
}
