package io.ownwatch.registry.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The coverage report over [from, to).
 *
 * @param from       the start of the horizon (when the snapshot was taken)
 * @param to         the end of the horizon
 * @param summary    how many findings of each kind, every kind listed (0 when none)
 * @param bySeverity how many findings of each severity, every severity listed
 * @param findings   ordered by kind, then subject id
 */
public record CoverageReport(Instant from, Instant to, Map<FindingKind, Integer> summary,
        Map<Severity, Integer> bySeverity, List<Finding> findings) {

    public CoverageReport {
        findings = List.copyOf(findings);
    }
}
