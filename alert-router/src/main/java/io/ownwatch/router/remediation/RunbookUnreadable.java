package io.ownwatch.router.remediation;

/**
 * A runbook record the router cannot use (a schema that is not JSON, a matcher that does not compile). An
 * IllegalArgumentException because reading it again cannot help: the dead-letter policy sends it to the runbooks
 * dead-letter topic at once, and it never enters the catalog, where it would break every incident it met.
 */
public class RunbookUnreadable extends IllegalArgumentException {

    public RunbookUnreadable(String runbookId, String reason) {
        super("Runbook " + runbookId + " cannot be used: " + reason);
    }
}
