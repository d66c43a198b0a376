package io.ownwatch.registry.team;

import io.ownwatch.registry.NotFound;

/** No team has this id. */
public class TeamNotFound extends NotFound {

    public TeamNotFound(String teamId) {
        super("team", teamId);
    }
}
