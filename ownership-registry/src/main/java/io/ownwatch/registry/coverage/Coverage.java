package io.ownwatch.registry.coverage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.ownwatch.registry.coverage.Finding.Subject;
import io.ownwatch.registry.escalation.EscalationPolicy;
import io.ownwatch.registry.escalation.Level;
import io.ownwatch.registry.escalation.Target;
import io.ownwatch.registry.ownership.KubernetesSelector;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.ownership.Precedence;
import io.ownwatch.registry.schedule.Gap;
import io.ownwatch.registry.schedule.OnCall;
import io.ownwatch.registry.schedule.Schedule;
import io.ownwatch.registry.team.Team;

/**
 * Where the registry would leave an alert without anyone to page, as a pure function of a snapshot and
 * a horizon: no clock, no I/O, so every finding is a plain test, and a snapshot of any day can be checked.
 *
 * <p>Rules, one {@link FindingKind} each:
 * <ul>
 *   <li>a service whose owning team does not exist (ERROR), or that has no escalation policy or names one that
 *       does not exist (ERROR);</li>
 *   <li>a service whose policy pages nobody at some time in the horizon (ERROR, with the intervals): no level
 *       names an existing person, and at those times none of the schedules it names has anyone on call;</li>
 *   <li>a schedule with nobody on call at some time in the horizon (WARNING, with the merged intervals; a policy
 *       that also names a person or another schedule may bridge it, which the service finding tells);</li>
 *   <li>a team without members (WARNING);</li>
 *   <li>a policy whose levels page nobody (ERROR when no level does, WARNING naming the levels otherwise);</li>
 *   <li>two services that can both match one alert: a tie {@link Precedence} would refuse today (ERROR, only
 *       legacy data has them); equal specificity across different label names, settled by the smallest id
 *       (WARNING); different specificity, settled by precedence (INFO).</li>
 * </ul>
 */
public final class Coverage {

    private Coverage() {
    }

    /** The report over [snapshot.takenAt, snapshot.takenAt + horizon). */
    public static CoverageReport report(RegistrySnapshot snapshot, Duration horizon) {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be positive");
        }
        Instant from = snapshot.takenAt();
        Instant to = from.plus(horizon);
        Map<String, Schedule> schedules = snapshot.schedules().stream()
                .collect(Collectors.toMap(Schedule::id, Function.identity()));
        Map<String, EscalationPolicy> policies = snapshot.policies().stream()
                .collect(Collectors.toMap(EscalationPolicy::id, Function.identity()));
        Map<String, List<Gap>> scheduleGaps = new HashMap<>();
        snapshot.schedules().forEach(s -> scheduleGaps.put(s.id(), OnCall.gaps(s, from, to)));

        List<Finding> findings = new ArrayList<>();
        services(snapshot, policies, schedules, scheduleGaps, from, to, findings);
        scheduleGaps(snapshot, scheduleGaps, horizon, findings);
        teamsWithoutMembers(snapshot, findings);
        policiesThatPageNobody(snapshot, schedules, findings);
        overlaps(snapshot.services(), findings);

        findings.sort(Comparator.comparing(Finding::kind).thenComparing(f -> f.subject().id())
                .thenComparing(f -> f.related().isEmpty() ? "" : f.related().get(0).id()));
        Map<FindingKind, Integer> summary = new EnumMap<>(FindingKind.class);
        for (FindingKind kind : FindingKind.values()) {
            summary.put(kind, 0);
        }
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity, 0);
        }
        findings.forEach(f -> {
            summary.merge(f.kind(), 1, Integer::sum);
            bySeverity.merge(f.severity(), 1, Integer::sum);
        });
        return new CoverageReport(from, to, new LinkedHashMap<>(summary), new LinkedHashMap<>(bySeverity), findings);
    }

    private static void services(RegistrySnapshot snapshot, Map<String, EscalationPolicy> policies,
            Map<String, Schedule> schedules, Map<String, List<Gap>> scheduleGaps, Instant from, Instant to,
            List<Finding> findings) {
        Set<String> teams = snapshot.teams().stream().map(Team::id).collect(Collectors.toSet());
        Map<String, List<Gap>> unreachable = new HashMap<>();
        for (OwnedService service : snapshot.services()) {
            Subject subject = Subject.service(service.id());
            if (!teams.contains(service.teamId())) {
                findings.add(new Finding(FindingKind.SERVICE_WITHOUT_OWNER, Severity.ERROR, subject,
                        "Service '" + service.id() + "' is owned by team '" + service.teamId()
                                + "', which does not exist: its alerts reach no team.",
                        List.of(), List.of(Subject.team(service.teamId()))));
            }
            String policyId = service.escalationPolicyId();
            if (policyId == null) {
                findings.add(new Finding(FindingKind.SERVICE_WITHOUT_ESCALATION_POLICY, Severity.ERROR, subject,
                        "Service '" + service.id() + "' has no escalation policy: its incidents page nobody.",
                        List.of(), List.of()));
                continue;
            }
            EscalationPolicy policy = policies.get(policyId);
            if (policy == null) {
                findings.add(new Finding(FindingKind.SERVICE_WITHOUT_ESCALATION_POLICY, Severity.ERROR, subject,
                        "Service '" + service.id() + "' names escalation policy '" + policyId
                                + "', which does not exist: its incidents page nobody.",
                        List.of(), List.of(Subject.policy(policyId))));
                continue;
            }
            List<Gap> gaps = unreachable.computeIfAbsent(policyId,
                    id -> nobodyPaged(policy, snapshot.personIds(), schedules, scheduleGaps, from, to));
            if (!gaps.isEmpty()) {
                findings.add(new Finding(FindingKind.SERVICE_NOBODY_ON_CALL, Severity.ERROR, subject,
                        "Through escalation policy '" + policyId + "', service '" + service.id() + "' would page nobody for "
                                + hours(total(gaps)) + " in the horizon (" + gaps.size() + " interval"
                                + (gaps.size() == 1 ? "" : "s") + "): no level names a person, and its schedules have nobody on call then.",
                        gaps, List.of(Subject.policy(policyId))));
            }
        }
    }

    /** When no target of any level pages a person: never, if a level names an existing person. */
    private static List<Gap> nobodyPaged(EscalationPolicy policy, Set<String> people, Map<String, Schedule> schedules,
            Map<String, List<Gap>> scheduleGaps, Instant from, Instant to) {
        List<Gap> uncovered = List.of(new Gap(from, to));
        for (Level level : policy.levels()) {
            for (Target target : level.targets()) {
                if (target instanceof Target.Person person && people.contains(person.id())) {
                    return List.of();
                }
                if (target instanceof Target.OnCallOf schedule && schedules.containsKey(schedule.id())) {
                    uncovered = intersect(uncovered, scheduleGaps.get(schedule.id()));
                }
                // A team channel informs; it pages nobody.
            }
        }
        return uncovered;
    }

    /** The intersection of two ordered lists of disjoint intervals. */
    static List<Gap> intersect(List<Gap> a, List<Gap> b) {
        List<Gap> result = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Instant start = max(a.get(i).from(), b.get(j).from());
            Instant end = min(a.get(i).to(), b.get(j).to());
            if (start.isBefore(end)) {
                result.add(new Gap(start, end));
            }
            if (a.get(i).to().isBefore(b.get(j).to())) {
                i++;
            } else {
                j++;
            }
        }
        return result;
    }

    private static void scheduleGaps(RegistrySnapshot snapshot, Map<String, List<Gap>> scheduleGaps, Duration horizon,
            List<Finding> findings) {
        for (Schedule schedule : snapshot.schedules()) {
            List<Gap> gaps = scheduleGaps.get(schedule.id());
            if (!gaps.isEmpty()) {
                findings.add(new Finding(FindingKind.SCHEDULE_GAP, Severity.WARNING, Subject.schedule(schedule.id()),
                        "Schedule '" + schedule.id() + "' has nobody on call for " + hours(total(gaps)) + " of the next "
                                + hours(horizon) + " (" + gaps.size() + " interval" + (gaps.size() == 1 ? "" : "s") + ").",
                        gaps, List.of(Subject.team(schedule.teamId()))));
            }
        }
    }

    private static void teamsWithoutMembers(RegistrySnapshot snapshot, List<Finding> findings) {
        for (Team team : snapshot.teams()) {
            if (snapshot.membersByTeam().getOrDefault(team.id(), List.of()).isEmpty()) {
                findings.add(new Finding(FindingKind.TEAM_WITHOUT_MEMBERS, Severity.WARNING, Subject.team(team.id()),
                        "Team '" + team.id() + "' has no members: nobody can acknowledge or act for it.", List.of(), List.of()));
            }
        }
    }

    private static void policiesThatPageNobody(RegistrySnapshot snapshot, Map<String, Schedule> schedules,
            List<Finding> findings) {
        for (EscalationPolicy policy : snapshot.policies()) {
            List<Integer> silent = new ArrayList<>();
            for (int l = 0; l < policy.levels().size(); l++) {
                boolean pages = policy.levels().get(l).targets().stream().anyMatch(target -> pages(target, snapshot.personIds(), schedules));
                if (!pages) {
                    silent.add(l + 1);
                }
            }
            if (silent.isEmpty()) {
                continue;
            }
            boolean none = silent.size() == policy.levels().size();
            findings.add(new Finding(FindingKind.POLICY_REFERENCES_NOBODY, none ? Severity.ERROR : Severity.WARNING,
                    Subject.policy(policy.id()),
                    none ? "No level of escalation policy '" + policy.id()
                            + "' names a person or a schedule: it only informs team channels, and pages nobody."
                            : "Level" + (silent.size() == 1 ? " " : "s ") + silent + " of escalation policy '" + policy.id()
                                    + "' name no person or schedule: escalating to them pages nobody.",
                    List.of(), List.of()));
        }
    }

    /** Whether the target pages someone: an existing person, or an existing schedule (whose gaps are reported on their own). */
    private static boolean pages(Target target, Set<String> people, Map<String, Schedule> schedules) {
        if (target instanceof Target.Person person) {
            return people.contains(person.id());
        }
        if (target instanceof Target.OnCallOf schedule) {
            return schedules.containsKey(schedule.id());
        }
        return false;
    }

    private static void overlaps(List<OwnedService> services, List<Finding> findings) {
        List<OwnedService> sorted = services.stream().sorted(Comparator.comparing(OwnedService::id)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                overlap(sorted.get(i), sorted.get(j)).ifPresent(findings::add);
            }
        }
    }

    /** The finding about two services (a before b by id) that can match one alert, if they can. */
    static Optional<Finding> overlap(OwnedService a, OwnedService b) {
        Subject subject = Subject.service(a.id());
        List<Subject> related = List.of(Subject.service(b.id()));
        Optional<String> tie = Precedence.mayTie(a, b);
        if (tie.isPresent()) {
            return Optional.of(new Finding(FindingKind.SELECTOR_OVERLAP, Severity.ERROR, subject,
                    "Services '" + a.id() + "' and '" + b.id() + "' tie for some alerts: " + tie.get()
                            + ". Saving either today would be refused; make one more specific.",
                    List.of(), related));
        }
        if (!Precedence.labelsMayAgree(a.labelMatchers(), b.labelMatchers())) {
            return Optional.empty();
        }
        boolean overlap = false;
        boolean equal = false;
        for (KubernetesSelector sa : selectorsOrAnywhere(a)) {
            for (KubernetesSelector sb : selectorsOrAnywhere(b)) {
                if (sa.mayIntersect(sb)) {
                    overlap = true;
                    equal |= 2 * a.labelMatchers().size() + sa.halfPoints() == 2 * b.labelMatchers().size() + sb.halfPoints();
                }
            }
        }
        if (!overlap) {
            return Optional.empty();
        }
        if (equal) {
            return Optional.of(new Finding(FindingKind.SELECTOR_OVERLAP, Severity.WARNING, subject,
                    "Services '" + a.id() + "' and '" + b.id() + "' can both match an alert that carries the labels of both, "
                            + "with equal specificity; '" + a.id() + "' wins only because its id sorts first. "
                            + "Add a matcher to make the intent explicit.",
                    List.of(), related));
        }
        return Optional.of(new Finding(FindingKind.SELECTOR_OVERLAP, Severity.INFO, subject,
                "Services '" + a.id() + "' and '" + b.id() + "' can both match some alerts; the more specific one owns them.",
                List.of(), related));
    }

    private static List<KubernetesSelector> selectorsOrAnywhere(OwnedService service) {
        return service.kubernetes().isEmpty() ? List.of(new KubernetesSelector(null, null, null)) : service.kubernetes();
    }

    private static Duration total(List<Gap> gaps) {
        return gaps.stream().map(Gap::length).reduce(Duration.ZERO, Duration::plus);
    }

    private static String hours(Duration duration) {
        long minutes = duration.toMinutes();
        return minutes % 60 == 0 ? (minutes / 60) + " h" : (minutes / 60) + " h " + (minutes % 60) + " min";
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
