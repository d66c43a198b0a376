package io.ownwatch.timeline.incident;

/** Where an incident stands, as folded from its timeline. */
public enum IncidentStatus {
    OPEN, ACKNOWLEDGED, RESOLVED
}
