package io.ownwatch.router.remediation;

/** A person asked for a runbook the router holds no approved version of. */
public class UnknownRunbook extends RuntimeException {

    private final String runbookId;

    public UnknownRunbook(String runbookId) {
        super("There is no approved runbook '" + runbookId + "'");
        this.runbookId = runbookId;
    }

    public String runbookId() {
        return runbookId;
    }
}
