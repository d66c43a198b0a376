package io.ownwatch.registry.escalation;

/** The kinds of escalation targets, as they appear in JSON. */
public enum TargetType {
    SCHEDULE, PERSON, TEAM_CHANNEL
}
