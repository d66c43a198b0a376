package io.ownwatch.registry.runbook;

/** A new version was asked for while another is still a draft or in review: finish or withdraw that one first (409). */
public class OpenVersionExists extends RuntimeException {

    public OpenVersionExists(String runbookId, int openVersion, RunbookStatus status) {
        super("Runbook '" + runbookId + "' already has version " + openVersion + " " + status
                + "; edit that draft, or get it reviewed, before starting another version.");
    }
}
