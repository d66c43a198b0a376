package io.ownwatch.timeline.incident;

/** The one severity scale of the platform, as carried by timeline events. */
public enum Severity {
    UNKNOWN, CRITICAL, ERROR, WARNING, INFO;

    /** The severity of this name, or {@link #UNKNOWN}. */
    public static Severity fromName(String name) {
        for (Severity severity : values()) {
            if (severity.name().equals(name)) {
                return severity;
            }
        }
        return UNKNOWN;
    }
}
