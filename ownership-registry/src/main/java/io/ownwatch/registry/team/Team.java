package io.ownwatch.registry.team;

import java.util.List;

import io.ownwatch.registry.Slug;

/**
 * A team that owns services.
 *
 * @param id       a slug, stable for the team's lifetime
 * @param name     what people call the team
 * @param channels where the team as a whole is told about incidents, in order
 * @param version  the row version, incremented on every change: the ETag
 */
public record Team(String id, String name, List<Channel> channels, long version) {

    public Team {
        Slug.require(id, "team id");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("team name must not be blank");
        }
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** A team without channels, as before channels existed. */
    public Team(String id, String name) {
        this(id, name, List.of(), 0);
    }

    /** The same team at another version. */
    public Team withVersion(long newVersion) {
        return new Team(id, name, channels, newVersion);
    }
}
