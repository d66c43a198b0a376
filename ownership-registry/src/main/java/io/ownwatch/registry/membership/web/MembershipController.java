package io.ownwatch.registry.membership.web;

import java.util.List;

import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.membership.Memberships;
import io.ownwatch.registry.person.Person;
import io.ownwatch.registry.team.Team;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Membership as a set of (team, person) pairs: PUT and DELETE are idempotent, so that tools that
 * declare membership as code can apply the same file again and again.
 */
@RestController
class MembershipController {

    private final Memberships memberships;

    MembershipController(Memberships memberships) {
        this.memberships = memberships;
    }

    /** A team's members. */
    record Members(String teamId, List<Person> members) {
    }

    /** The teams a person belongs to: the question every service asks before letting a responder act. */
    record PersonTeams(String personId, List<Team> teams) {
    }

    @Access.Administer
    @PutMapping("/api/v1/teams/{teamId}/members/{personId}")
    ResponseEntity<Void> join(@PathVariable String teamId, @PathVariable String personId) {
        memberships.join(teamId, personId);
        return ResponseEntity.noContent().build();
    }

    @Access.Administer
    @DeleteMapping("/api/v1/teams/{teamId}/members/{personId}")
    ResponseEntity<Void> leave(@PathVariable String teamId, @PathVariable String personId) {
        memberships.leave(teamId, personId);
        return ResponseEntity.noContent().build();
    }

    @Access.Read
    @GetMapping("/api/v1/teams/{teamId}/members")
    Members members(@PathVariable String teamId) {
        return new Members(teamId, memberships.members(teamId));
    }

    @Access.Read
    @GetMapping("/api/v1/people/{personId}/teams")
    PersonTeams teams(@PathVariable String personId) {
        return new PersonTeams(personId, memberships.teamsOf(personId));
    }
}
