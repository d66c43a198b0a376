package io.ownwatch.registry.runbook;

/** Whether a runbook may run as soon as an incident asks for it, or needs a person's approval for every run. */
public enum RunbookMode {
    AUTOMATIC, NEEDS_APPROVAL
}
