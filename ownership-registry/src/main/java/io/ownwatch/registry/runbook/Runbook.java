package io.ownwatch.registry.runbook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A runbook and all its versions, oldest first.
 *
 * @param id        a slug, stable for the runbook's lifetime: the key on runbooks.v1
 * @param teamId    the owning team, whose responders author it
 * @param createdBy who created it
 * @param createdAt when
 * @param versions  every version, by number
 */
public record Runbook(String id, String teamId, String createdBy, Instant createdAt, List<RunbookVersion> versions) {

    public Runbook {
        versions = List.copyOf(versions);
    }

    /** The version that may run now, if any. */
    public Optional<RunbookVersion> approved() {
        return versions.stream().filter(v -> v.status() == RunbookStatus.APPROVED).findFirst();
    }

    /** The highest-numbered version. */
    public RunbookVersion latest() {
        return versions.get(versions.size() - 1);
    }

    /** What runbooks.v1 holds for this runbook: the approved version, else the last retired one; empty if neither. */
    public Optional<RunbookVersion> published() {
        return approved().or(() -> versions.stream()
                .filter(v -> v.status() == RunbookStatus.RETIRED)
                .reduce((first, second) -> second));
    }
}
