package io.ownwatch.registry.ownership;

/** A responder tried to declare, change or delete a service of a team they do not belong to. */
public class NotAMemberOfOwningTeam extends RuntimeException {

    public NotAMemberOfOwningTeam(String personId, String teamId) {
        super("'" + personId + "' is not a member of team '" + teamId + "', which owns or would own the service; "
                + "only its members or an ops-admin may declare, change or delete its services.");
    }
}
