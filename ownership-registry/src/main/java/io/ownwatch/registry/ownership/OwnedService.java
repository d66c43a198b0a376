package io.ownwatch.registry.ownership;

import java.util.List;
import java.util.Objects;

import io.ownwatch.registry.Slug;

/**
 * A service and the team that owns it.
 *
 * @param id            a slug, stable for the service's lifetime
 * @param name          what people call the service
 * @param teamId        the owning team, paged first
 * @param tier          an optional criticality tier such as {@code tier-1}
 * @param labelMatchers all must match for an alert to belong to this service; never empty, so a
 *                      service cannot claim every alert by accident
 * @param version       the row version, incremented on every change (optimistic locking arrives with updates)
 */
public record OwnedService(String id, String name, String teamId, String tier, List<LabelMatcher> labelMatchers,
        long version) {

    public OwnedService {
        Slug.require(id, "service id");
        Slug.require(teamId, "team id");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("service name must not be blank");
        }
        Objects.requireNonNull(labelMatchers, "labelMatchers");
        if (labelMatchers.isEmpty()) {
            throw new IllegalArgumentException("a service needs at least one label matcher");
        }
        labelMatchers = List.copyOf(labelMatchers);
    }
}
