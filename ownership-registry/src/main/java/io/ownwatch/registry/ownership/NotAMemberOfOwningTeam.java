package io.ownwatch.registry.ownership;

/** A responder tried to declare a service for a team they do not belong to. */
public class NotAMemberOfOwningTeam extends RuntimeException {

    public NotAMemberOfOwningTeam(String personId, String teamId) {
        super("'" + personId + "' is not a member of team '" + teamId + "', which would own the service; "
                + "only its members or an ops-admin may declare services for it.");
    }
}
