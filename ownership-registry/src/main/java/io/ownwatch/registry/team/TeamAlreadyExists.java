package io.ownwatch.registry.team;

/** A team with this id exists already; ids are never reused. */
public class TeamAlreadyExists extends RuntimeException {

    public TeamAlreadyExists(String teamId) {
        super("A team with id '" + teamId + "' already exists.");
    }
}
