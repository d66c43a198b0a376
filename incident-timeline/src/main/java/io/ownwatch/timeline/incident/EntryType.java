package io.ownwatch.timeline.incident;

/**
 * What a timeline entry records. Mirrors the closed list of the {@code TimelineEventType} contract;
 * a symbol this service does not know yet is kept as {@link #UNKNOWN}.
 */
public enum EntryType {
    UNKNOWN,
    ALERT_RECEIVED, INCIDENT_OPENED, ALERT_GROUPED,
    OWNER_RESOLVED, OWNER_UNKNOWN, SUPPRESSED,
    NOTIFIED, NOTIFICATION_FAILED, ESCALATED, ESCALATION_EXHAUSTED,
    ACKNOWLEDGED, REASSIGNED,
    REMEDIATION_REQUESTED, REMEDIATION_APPROVED, REMEDIATION_REJECTED,
    REMEDIATION_STARTED, REMEDIATION_SUCCEEDED, REMEDIATION_FAILED, REMEDIATION_INEFFECTIVE,
    RESOLVED, REOPENED, NOTE_ADDED,
    ALERT_DEDUPLICATED, FLAPPING;

    /** The entry type of this name, or {@link #UNKNOWN}; never throws, so a newer producer cannot poison the consumer. */
    public static EntryType fromName(String name) {
        for (EntryType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
