package io.ownwatch.registry.runbook;

/**
 * A runbook as a list shows it.
 *
 * @param id              the runbook
 * @param teamId          its owning team
 * @param title           the title of its latest version
 * @param latestVersion   the highest version number
 * @param latestStatus    that version's status
 * @param approvedVersion the version that may run now; null when none
 */
public record RunbookSummary(String id, String teamId, String title, int latestVersion, RunbookStatus latestStatus,
        Integer approvedVersion) {
}
