package io.ownwatch.registry.runbook;

/** Where a runbook version stands in its review: only APPROVED versions may run, and only DRAFT ones may change. */
public enum RunbookStatus {
    DRAFT, IN_REVIEW, APPROVED, RETIRED
}
