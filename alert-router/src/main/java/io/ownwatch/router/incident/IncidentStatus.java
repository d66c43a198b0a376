package io.ownwatch.router.incident;

/** Lifecycle state of an incident in the skeleton: acknowledgement comes with escalation. */
public enum IncidentStatus {
    OPEN, RESOLVED
}
