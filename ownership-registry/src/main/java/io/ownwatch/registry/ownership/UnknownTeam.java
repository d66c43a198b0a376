package io.ownwatch.registry.ownership;

/** A service names an owning team that does not exist. */
public class UnknownTeam extends RuntimeException {

    private final String teamId;

    public UnknownTeam(String teamId) {
        super("No team with id '" + teamId + "'; create the team first.");
        this.teamId = teamId;
    }

    public String teamId() {
        return teamId;
    }
}
