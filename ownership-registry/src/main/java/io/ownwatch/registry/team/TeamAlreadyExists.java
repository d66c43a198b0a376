package io.ownwatch.registry.team;

import io.ownwatch.registry.AlreadyExists;

/** A team with this id exists already; ids are never reused. */
public class TeamAlreadyExists extends AlreadyExists {

    public TeamAlreadyExists(String teamId) {
        super("team", teamId);
    }
}
