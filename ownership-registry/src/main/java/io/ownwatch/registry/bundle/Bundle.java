package io.ownwatch.registry.bundle;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ownwatch.registry.escalation.EscalationPolicy;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.person.Person;
import io.ownwatch.registry.schedule.Schedule;
import io.ownwatch.registry.team.Team;

/**
 * What a bundle declares, read and checked one document at a time.
 *
 * @param references  every id named by a field, including in documents that failed other checks
 * @param declaredIds every id declared per kind, including those of objects that failed their checks, so
 *                    that a reference to a broken object is not reported a second time as missing
 */
record Bundle(List<Declared<Person>> people, List<Declared<Team>> teams, List<DeclaredMembership> memberships,
        List<Declared<Schedule>> schedules, List<Declared<EscalationPolicy>> policies,
        List<Declared<OwnedService>> services, List<Declared.Reference> references, Map<Kind, Set<String>> declaredIds) {
}
