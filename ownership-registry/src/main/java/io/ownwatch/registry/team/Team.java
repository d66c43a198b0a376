package io.ownwatch.registry.team;

import io.ownwatch.registry.Slug;

/**
 * A team that owns services.
 *
 * @param id   a slug, stable for the team's lifetime
 * @param name what people call the team
 */
public record Team(String id, String name) {

    public Team {
        Slug.require(id, "team id");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("team name must not be blank");
        }
    }
}
