package io.ownwatch.registry.runbook;

/** The caller changed a runbook version from an ETag that is no longer current (412). */
public class StaleRunbookVersion extends RuntimeException {

    public StaleRunbookVersion(String runbookId, int version, String given, String current) {
        super("Runbook '" + runbookId + "' version " + version + " is at " + current + ", not " + given
                + "; read it again and reapply your change.");
    }
}
