package io.ownwatch.registry.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ownwatch.registry.escalation.EscalationPolicy;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.schedule.Schedule;
import io.ownwatch.registry.team.Team;

/**
 * Everything the coverage report looks at, read at one instant. Kept as plain data, so that the report
 * can be computed (and tested) without a database, and so that legacy rows the database no longer
 * prevents (a service naming a team or policy that is gone) can be represented and reported.
 *
 * @param takenAt       the instant the report starts from
 * @param teams         every team
 * @param membersByTeam person ids per team id; a team without members may be absent
 * @param personIds     the ids of every person
 * @param services      every service
 * @param schedules     every on-call schedule
 * @param policies      every escalation policy
 */
public record RegistrySnapshot(Instant takenAt, List<Team> teams, Map<String, List<String>> membersByTeam,
        Set<String> personIds, List<OwnedService> services, List<Schedule> schedules, List<EscalationPolicy> policies) {

    public RegistrySnapshot {
        teams = List.copyOf(teams);
        membersByTeam = Map.copyOf(membersByTeam);
        personIds = Set.copyOf(personIds);
        services = List.copyOf(services);
        schedules = List.copyOf(schedules);
        policies = List.copyOf(policies);
    }
}
