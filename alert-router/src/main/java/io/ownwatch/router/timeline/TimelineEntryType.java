package io.ownwatch.router.timeline;

/** The kinds of timeline entry the router writes; names match the TimelineEvent contract. */
public enum TimelineEntryType {
    INCIDENT_OPENED, ALERT_GROUPED, ALERT_DEDUPLICATED, OWNER_RESOLVED, OWNER_UNKNOWN, SUPPRESSED, FLAPPING,
    ACKNOWLEDGED, REASSIGNED, NOTE_ADDED, RESOLVED
}
