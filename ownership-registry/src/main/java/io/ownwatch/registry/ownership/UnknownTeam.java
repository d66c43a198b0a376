package io.ownwatch.registry.ownership;

/** A service names an owning team that does not exist. */
public class UnknownTeam extends RuntimeException {

    private final String teamId;
    private final String field;

    public UnknownTeam(String teamId) {
        this(teamId, "teamId");
    }

    /** @param field the request field that named the team, such as {@code secondaryTeamIds[1]} */
    public UnknownTeam(String teamId, String field) {
        super("No team with id '" + teamId + "'; create the team first.");
        this.teamId = teamId;
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String teamId() {
        return teamId;
    }
}
