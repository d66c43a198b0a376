package io.ownwatch.router.timeline;

/** The kinds of timeline entry the router writes so far; names match the TimelineEvent contract. */
public enum TimelineEntryType {
    INCIDENT_OPENED, OWNER_RESOLVED, OWNER_UNKNOWN, RESOLVED
}
