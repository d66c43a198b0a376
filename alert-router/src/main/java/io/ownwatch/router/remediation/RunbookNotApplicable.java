package io.ownwatch.router.remediation;

import java.util.UUID;

/** A person asked for a runbook that is not meant for the incident's service or alerts, or lacks its parameters. */
public class RunbookNotApplicable extends RuntimeException {

    public RunbookNotApplicable(String runbookId, UUID incidentId, String why) {
        super("Runbook '" + runbookId + "' does not apply to incident " + incidentId + ": " + why);
    }
}
