package io.ownwatch.registry.runbook;

/** Someone who wrote a runbook version tried to approve it: a runbook needs a second person's review (403). */
public class ApprovalByAuthorRefused extends RuntimeException {

    public ApprovalByAuthorRefused(String runbookId, int version, String person) {
        super("'" + person + "' wrote or edited runbook '" + runbookId + "' version " + version
                + " and so cannot approve it; another ops-admin must review it.");
    }
}
