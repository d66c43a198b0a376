package io.ownwatch.executor.policy;

/** The incident's severity a run is requested for; the scale of the AlertEvent contract. */
public enum Severity {
    UNKNOWN, CRITICAL, ERROR, WARNING, INFO
}
