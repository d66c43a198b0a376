package io.ownwatch.registry.ownership;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a service's ownership, as it is published: the service after the change, or
 * {@code null} when it was deleted (a tombstone on the compacted topic).
 *
 * @param serviceId the key
 * @param revision  the service's version after the change
 * @param service   the service after the change; null when deleted
 * @param teamName  the owning team's name; null when deleted
 * @param changedAt when the change was committed
 */
public record OwnershipChange(String serviceId, long revision, OwnedService service, String teamName, Instant changedAt) {

    public OwnershipChange {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    public boolean isDeletion() {
        return service == null;
    }
}
