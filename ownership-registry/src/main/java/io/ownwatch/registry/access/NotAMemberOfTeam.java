package io.ownwatch.registry.access;

/** A responder tried to change something a team owns without belonging to that team. */
public class NotAMemberOfTeam extends RuntimeException {

    public NotAMemberOfTeam(String personId, String teamId) {
        super("'" + personId + "' is not a member of team '" + teamId + "'; only its members or an ops-admin may change its on-call setup.");
    }
}
