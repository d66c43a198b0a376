package io.ownwatch.router.incident.web;

/** A reassignment named a team the ownership-registry does not know; nothing was changed. */
class UnknownTeam extends RuntimeException {

    UnknownTeam(String teamId) {
        super("names team " + teamId + ", which the ownership registry does not know");
    }
}
