package io.ownwatch.registry.runbook;

/** A responder tried to write a runbook of a team they do not belong to (403). */
public class NotInOwningTeam extends RuntimeException {

    public NotInOwningTeam(String personId, String teamId) {
        super("'" + personId + "' is not a member of team '" + teamId + "'; only its members or an ops-admin may write its runbooks.");
    }
}
