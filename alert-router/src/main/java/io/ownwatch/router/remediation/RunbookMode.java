package io.ownwatch.router.remediation;

/**
 * Whether a runbook may be requested without a person: the contract's UNKNOWN mode is read as
 * {@link #NEEDS_APPROVAL}, because an unreadable mode must never run unattended.
 */
public enum RunbookMode {
    AUTOMATIC, NEEDS_APPROVAL
}
