package io.ownwatch.registry.coverage;

/** What a coverage finding is about; the report counts findings per kind. */
public enum FindingKind {
    /** A service names an owning team that does not exist (only legacy data; the database refuses new ones). */
    SERVICE_WITHOUT_OWNER,
    /** A service has no escalation policy, or names one that does not exist. */
    SERVICE_WITHOUT_ESCALATION_POLICY,
    /** A service's escalation policy would page nobody at some time in the horizon (the intervals are listed). */
    SERVICE_NOBODY_ON_CALL,
    /** An on-call schedule has nobody on call at some time in the horizon (the intervals are listed). */
    SCHEDULE_GAP,
    /** A team has no members: nobody can act for it. */
    TEAM_WITHOUT_MEMBERS,
    /** Levels of an escalation policy page nobody: only team channels, or people and schedules that are gone. */
    POLICY_REFERENCES_NOBODY,
    /** Two services can both match one alert. */
    SELECTOR_OVERLAP
}
