package io.ownwatch.registry.coverage.jdbc;

import java.time.Instant;
import java.util.HashSet;

import io.ownwatch.registry.coverage.RegistrySnapshot;
import io.ownwatch.registry.escalation.jdbc.EscalationPolicies;
import io.ownwatch.registry.ownership.OwnedServices;
import io.ownwatch.registry.person.People;
import io.ownwatch.registry.person.Person;
import io.ownwatch.registry.schedule.jdbc.Schedules;
import io.ownwatch.registry.team.Teams;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads the whole registry as one {@link RegistrySnapshot}, through the repositories that own each table. */
@Repository
public class RegistrySnapshots {

    private final Teams teams;
    private final People people;
    private final OwnedServices services;
    private final Schedules schedules;
    private final EscalationPolicies policies;

    RegistrySnapshots(Teams teams, People people, OwnedServices services, Schedules schedules, EscalationPolicies policies) {
        this.teams = teams;
        this.people = people;
        this.services = services;
        this.schedules = schedules;
        this.policies = policies;
    }

    /**
     * The registry as of one database snapshot: REPEATABLE READ makes every read of this transaction see the same
     * state, so a change committed meanwhile cannot show up as a half-deleted team or a policy without its levels.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public RegistrySnapshot take(Instant at) {
        return new RegistrySnapshot(at, teams.all(), teams.membersByTeam(),
                new HashSet<>(people.all().stream().map(Person::id).toList()),
                services.all(), schedules.all(), policies.all());
    }
}
