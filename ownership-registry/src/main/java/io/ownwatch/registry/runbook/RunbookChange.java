package io.ownwatch.registry.runbook;

import java.time.Instant;
import java.util.Objects;

/**
 * An approval or a retirement on its way to {@code runbooks.v1}: the version as it stands after the change.
 *
 * @param version     the approved or retired version
 * @param publishedAt when the change was committed
 */
public record RunbookChange(RunbookVersion version, Instant publishedAt) {

    public RunbookChange {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(publishedAt, "publishedAt");
        if (version.status() != RunbookStatus.APPROVED && version.status() != RunbookStatus.RETIRED) {
            throw new IllegalArgumentException("only approvals and retirements are published, not " + version.status());
        }
    }
}
