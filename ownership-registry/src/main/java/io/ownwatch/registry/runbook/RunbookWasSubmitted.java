package io.ownwatch.registry.runbook;

/** Deleting a runbook was refused because a version of it went to review: its history stays, retire it instead (409). */
public class RunbookWasSubmitted extends RuntimeException {

    public RunbookWasSubmitted(String runbookId) {
        super("Runbook '" + runbookId + "' has versions beyond DRAFT; only a runbook that never left draft can be deleted. "
                + "Retire its approved version instead.");
    }
}
