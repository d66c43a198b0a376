package io.ownwatch.registry.team;

/** No team has this id. */
public class TeamNotFound extends RuntimeException {

    public TeamNotFound(String teamId) {
        super("No team with id '" + teamId + "'.");
    }
}
