package io.ownwatch.router.incident;

/** Lifecycle state of an incident: open until someone acknowledges it, resolved by its alerts or by a person. */
public enum IncidentStatus {
    OPEN, ACKNOWLEDGED, RESOLVED
}
