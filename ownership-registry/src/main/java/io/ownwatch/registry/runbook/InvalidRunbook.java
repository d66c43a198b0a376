package io.ownwatch.registry.runbook;

import java.util.Comparator;
import java.util.List;

/** A runbook breaks one or more rules; nothing was stored. Lists every violation, sorted by field. */
public class InvalidRunbook extends RuntimeException {

    private final List<Violation> violations;

    public InvalidRunbook(List<Violation> violations) {
        super(violations.isEmpty() ? "The runbook is invalid." : describe(violations));
        this.violations = violations.stream()
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        Violation first = violations.stream().min(Comparator.comparing(Violation::field)).orElseThrow();
        return "'" + first.field() + "' " + first.message();
    }
}
