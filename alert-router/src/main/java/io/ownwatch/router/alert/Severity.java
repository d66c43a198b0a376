package io.ownwatch.router.alert;

import java.util.Locale;

/** One severity scale for every alert source. */
public enum Severity {
    UNKNOWN, CRITICAL, ERROR, WARNING, INFO;

    /**
     * Maps the words monitoring setups use in a {@code severity} label onto the scale; anything
     * unrecognised is {@link #UNKNOWN} rather than a guess.
     */
    public static Severity fromLabel(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "critical", "page" -> CRITICAL;
            case "error", "high" -> ERROR;
            case "warning", "warn" -> WARNING;
            case "info", "low" -> INFO;
            default -> UNKNOWN;
        };
    }
}
