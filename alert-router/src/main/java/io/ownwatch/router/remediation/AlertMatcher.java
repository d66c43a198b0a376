package io.ownwatch.router.remediation;

import io.ownwatch.events.MatchOp;
import io.ownwatch.schemas.ownership.OwnershipRules;
import java.util.Map;
import java.util.Objects;

/**
 * One condition of a runbook on the labels of an incident's alert. Matching is the contract's
 * ({@link OwnershipRules#matches}), so that the registry, the router and the executor never disagree about which
 * alerts a runbook is for: a missing label reads as the empty string, regular expressions are anchored.
 */
public record AlertMatcher(String label, Op op, String value) {

    /** How the label's value is compared; the names are the contract's {@code MatchOp}. */
    public enum Op {
        EQUALS, NOT_EQUALS, REGEX, NOT_REGEX
    }

    public AlertMatcher {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
    }

    /** Whether the labels satisfy this condition. */
    public boolean matches(Map<String, String> labels) {
        return OwnershipRules.matches(MatchOp.valueOf(op.name()), label, value, labels);
    }
}
