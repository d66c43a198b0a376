package io.ownwatch.registry.runbook;

/** A lifecycle move that the version's status does not allow, such as editing an approved version (409). */
public class TransitionRefused extends RuntimeException {

    private final RunbookStatus status;

    public TransitionRefused(String runbookId, int version, RunbookStatus status, String action, String why) {
        super("Cannot " + action + " runbook '" + runbookId + "' version " + version + ": it is " + status + "; " + why + ".");
        this.status = status;
    }

    public RunbookStatus status() {
        return status;
    }
}
