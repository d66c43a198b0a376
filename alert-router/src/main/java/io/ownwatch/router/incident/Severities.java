package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Severity;

/** Order on the severity scale, which the enum's declaration order does not give (UNKNOWN comes first there). */
final class Severities {

    private Severities() {
    }

    static int rank(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 4;
            case ERROR -> 3;
            case WARNING -> 2;
            case INFO -> 1;
            case UNKNOWN -> 0;
        };
    }

    static Severity worse(Severity a, Severity b) {
        return rank(b) > rank(a) ? b : a;
    }

    /** What a firing critical alert of the same service may inhibit: warnings and below, not unknowns. */
    static boolean inhibitable(Severity severity) {
        return severity == Severity.WARNING || severity == Severity.INFO;
    }
}
