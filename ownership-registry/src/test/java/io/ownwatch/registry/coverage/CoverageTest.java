package io.ownwatch.registry.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.ownwatch.registry.coverage.Finding.Subject;
import io.ownwatch.registry.escalation.EscalationPolicy;
import io.ownwatch.registry.escalation.Level;
import io.ownwatch.registry.escalation.Target;
import io.ownwatch.registry.ownership.KubernetesSelector;
import io.ownwatch.registry.ownership.LabelMatcher;
import io.ownwatch.registry.ownership.MatchOp;
import io.ownwatch.registry.ownership.OwnedService;
import io.ownwatch.registry.schedule.Gap;
import io.ownwatch.registry.schedule.Layer;
import io.ownwatch.registry.schedule.Restriction;
import io.ownwatch.registry.schedule.Schedule;
import io.ownwatch.registry.schedule.ScheduleOverride;
import io.ownwatch.registry.schedule.ShiftLength;
import io.ownwatch.registry.team.Team;
import org.junit.jupiter.api.Test;

class CoverageTest {

    /** A Monday, 00:00 UTC. */
    private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    /** A small registry, fully covered until a test breaks one thing. */
    private final List<Team> teams = new ArrayList<>(List.of(new Team("payments", "Payments")));
    private final Map<String, List<String>> members = new HashMap<>(Map.of("payments", List.of("bob")));
    private final Set<String> people = Set.of("bob", "erin");
    private final List<OwnedService> services = new ArrayList<>(List.of(service("checkout", "payments", "payments-default",
            new LabelMatcher("service", MatchOp.EQUALS, "checkout"))));
    private final List<Schedule> schedules = new ArrayList<>(List.of(alwaysOn("payments-primary", "bob")));
    private final List<EscalationPolicy> policies = new ArrayList<>(List.of(
            policy("payments-default", new Level(10, List.of(new Target.OnCallOf("payments-primary"))))));

    private static OwnedService service(String id, String team, String policy, LabelMatcher... matchers) {
        return new OwnedService(id, id, team, List.of(), null, policy, List.of(matchers), List.of(), 0);
    }

    private static Schedule alwaysOn(String id, String... people) {
        return new Schedule(id, id, "payments", ZoneId.of("UTC"), List.of(new Layer("daily", List.of(people),
                LocalDateTime.parse("2020-01-06T00:00"), new ShiftLength.Days(1), List.of())), List.of(), 0);
    }

    /** Weekdays 09:00-17:00 in UTC only. */
    private static Schedule officeHours(String id, String person) {
        return new Schedule(id, id, "payments", ZoneId.of("UTC"), List.of(new Layer("office", List.of(person),
                LocalDateTime.parse("2020-01-06T00:00"), new ShiftLength.Days(7),
                List.of(new Restriction(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0))))),
                List.of(), 0);
    }

    private static EscalationPolicy policy(String id, Level... levels) {
        return new EscalationPolicy(id, id, "payments", 0, List.of(levels), 0);
    }

    private CoverageReport report() {
        return Coverage.report(new RegistrySnapshot(NOW, teams, members, people, services, schedules, policies), WEEK);
    }

    private List<Finding> findings(FindingKind kind) {
        return report().findings().stream().filter(f -> f.kind() == kind).toList();
    }

    @Test
    void reportsNothingForAFullyCoveredRegistry() {
        CoverageReport report = report();

        assertThat(report.findings()).isEmpty();
        assertThat(report.summary()).hasSize(FindingKind.values().length).allSatisfy((kind, count) -> assertThat(count).isZero());
        assertThat(report.from()).isEqualTo(NOW);
        assertThat(report.to()).isEqualTo(NOW.plus(WEEK));
    }

    @Test
    void findsAServiceWhoseOwningTeamIsGone() {
        services.add(service("orphan", "gone", "payments-default", new LabelMatcher("service", MatchOp.EQUALS, "orphan")));

        assertThat(findings(FindingKind.SERVICE_WITHOUT_OWNER)).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo(Subject.service("orphan"));
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.related()).containsExactly(Subject.team("gone"));
        });
    }

    @Test
    void findsServicesWithoutOrWithAMissingEscalationPolicy() {
        services.add(service("no-policy", "payments", null, new LabelMatcher("service", MatchOp.EQUALS, "no-policy")));
        services.add(service("dangling", "payments", "never-made", new LabelMatcher("service", MatchOp.EQUALS, "dangling")));

        assertThat(findings(FindingKind.SERVICE_WITHOUT_ESCALATION_POLICY))
                .extracting(Finding::subject, Finding::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Subject.service("dangling"), Severity.ERROR),
                        org.assertj.core.groups.Tuple.tuple(Subject.service("no-policy"), Severity.ERROR));
        assertThat(report().summary()).containsEntry(FindingKind.SERVICE_WITHOUT_ESCALATION_POLICY, 2);
    }

    @Test
    void findsTheScheduleGapsMergedAndTheServiceThatWouldPageNobodyThen() {
        schedules.set(0, officeHours("payments-primary", "bob"));

        Finding gap = findings(FindingKind.SCHEDULE_GAP).get(0);
        assertThat(gap.subject()).isEqualTo(Subject.schedule("payments-primary"));
        // Mon-Fri 09-17 over one week from Monday 00:00: 00-09 Monday, 17-09 each night, Friday 17:00 to the end.
        assertThat(gap.gaps()).hasSize(6);
        assertThat(gap.gaps().get(0)).isEqualTo(new Gap(NOW, Instant.parse("2026-11-23T09:00:00Z")));
        assertThat(gap.gaps().get(1)).isEqualTo(new Gap(Instant.parse("2026-11-23T17:00:00Z"), Instant.parse("2026-11-24T09:00:00Z")));
        assertThat(gap.gaps().get(5)).isEqualTo(new Gap(Instant.parse("2026-11-27T17:00:00Z"), NOW.plus(WEEK)));

        Finding service = findings(FindingKind.SERVICE_NOBODY_ON_CALL).get(0);
        assertThat(service.subject()).isEqualTo(Subject.service("checkout"));
        assertThat(service.severity()).isEqualTo(Severity.ERROR);
        assertThat(service.gaps()).isEqualTo(gap.gaps());
        assertThat(service.related()).containsExactly(Subject.policy("payments-default"));
    }

    @Test
    void aSecondScheduleOrAPersonInThePolicyBridgesAScheduleGap() {
        schedules.set(0, officeHours("payments-primary", "bob"));
        // Erin covers the nights of the first two days only.
        schedules.add(new Schedule("nights", "nights", "payments", ZoneId.of("UTC"), List.of(new Layer("n", List.of("erin"),
                LocalDateTime.parse("2030-01-01T00:00"), new ShiftLength.Days(1), List.of())),
                List.of(new ScheduleOverride("erin", NOW, Instant.parse("2026-11-25T09:00:00Z"))), 0));
        policies.set(0, policy("payments-default", new Level(10, List.of(new Target.OnCallOf("payments-primary"))),
                new Level(10, List.of(new Target.OnCallOf("nights")))));

        List<Gap> nobody = findings(FindingKind.SERVICE_NOBODY_ON_CALL).get(0).gaps();
        assertThat(nobody).first().isEqualTo(new Gap(Instant.parse("2026-11-25T17:00:00Z"), Instant.parse("2026-11-26T09:00:00Z")));
        assertThat(nobody).hasSize(3);

        policies.set(0, policy("payments-default", new Level(10, List.of(new Target.OnCallOf("payments-primary"))),
                new Level(10, List.of(new Target.Person("erin")))));
        assertThat(findings(FindingKind.SERVICE_NOBODY_ON_CALL)).isEmpty();
        assertThat(findings(FindingKind.SCHEDULE_GAP)).extracting(Finding::subject)
                .containsExactly(Subject.schedule("nights"), Subject.schedule("payments-primary"));
    }

    @Test
    void findsTeamsWithoutMembers() {
        teams.add(new Team("lonely", "Lonely"));
        members.put("empty-list", List.of());
        teams.add(new Team("empty-list", "Empty"));

        assertThat(findings(FindingKind.TEAM_WITHOUT_MEMBERS)).extracting(Finding::subject)
                .containsExactly(Subject.team("empty-list"), Subject.team("lonely"));
    }

    @Test
    void findsPoliciesWhoseLevelsPageNobody() {
        policies.add(policy("channels-only", new Level(5, List.of(new Target.TeamChannel("payments")))));
        policies.add(policy("half-silent", new Level(5, List.of(new Target.Person("bob"))),
                new Level(5, List.of(new Target.TeamChannel("payments"), new Target.Person("gone")))));

        List<Finding> found = findings(FindingKind.POLICY_REFERENCES_NOBODY);
        assertThat(found).extracting(Finding::subject)
                .containsExactly(Subject.policy("channels-only"), Subject.policy("half-silent"));
        assertThat(found.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(found.get(1).severity()).isEqualTo(Severity.WARNING);
        assertThat(found.get(1).message()).contains("Level [2]");
    }

    @Test
    void aServiceWhosePolicyOnlyInformsChannelsPagesNobodyAllTheTime() {
        policies.set(0, policy("payments-default", new Level(5, List.of(new Target.TeamChannel("payments")))));

        assertThat(findings(FindingKind.SERVICE_NOBODY_ON_CALL)).singleElement()
                .satisfies(f -> assertThat(f.gaps()).containsExactly(new Gap(NOW, NOW.plus(WEEK))));
    }

    @Test
    void reportsALegacyTieAsAnErrorAndOverlapsOfDifferentPrecedenceAsInformation() {
        services.add(service("checkout-copy", "payments", "payments-default", new LabelMatcher("service", MatchOp.EQUALS, "checkout")));
        services.add(service("checkout-prod", "payments", "payments-default", new LabelMatcher("service", MatchOp.EQUALS, "checkout"),
                new LabelMatcher("env", MatchOp.EQUALS, "prod")));

        List<Finding> found = findings(FindingKind.SELECTOR_OVERLAP);
        assertThat(found).extracting(Finding::subject, f -> f.related().get(0), Finding::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Subject.service("checkout"), Subject.service("checkout-copy"), Severity.ERROR),
                org.assertj.core.groups.Tuple.tuple(Subject.service("checkout"), Subject.service("checkout-prod"), Severity.INFO),
                org.assertj.core.groups.Tuple.tuple(Subject.service("checkout-copy"), Subject.service("checkout-prod"), Severity.INFO));
    }

    @Test
    void warnsOfEqualSpecificityAcrossDifferentLabelNames() {
        services.add(service("by-app", "payments", "payments-default", new LabelMatcher("app", MatchOp.EQUALS, "shop")));

        assertThat(findings(FindingKind.SELECTOR_OVERLAP)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.subject()).isEqualTo(Subject.service("by-app"));
            assertThat(f.related()).containsExactly(Subject.service("checkout"));
        });
    }

    @Test
    void servicesThatCannotMatchTheSameAlertDoNotOverlap() {
        services.add(service("payments-api", "payments", "payments-default", new LabelMatcher("service", MatchOp.EQUALS, "payments-api")));
        services.add(new OwnedService("eu-only", "eu-only", "payments", List.of(), null, "payments-default",
                List.of(new LabelMatcher("service", MatchOp.EQUALS, "checkout")),
                List.of(new KubernetesSelector("eu-1", "shop", null)), 0));
        services.add(new OwnedService("us-only", "us-only", "payments", List.of(), null, "payments-default",
                List.of(new LabelMatcher("service", MatchOp.EQUALS, "checkout")),
                List.of(new KubernetesSelector("us-1", "shop", null)), 0));

        // eu-only and us-only exclude each other; each is more specific than plain checkout, which they overlap.
        assertThat(findings(FindingKind.SELECTOR_OVERLAP))
                .extracting(f -> f.subject().id() + "/" + f.related().get(0).id(), Finding::severity)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("checkout/eu-only", Severity.INFO),
                        org.assertj.core.groups.Tuple.tuple("checkout/us-only", Severity.INFO));
    }

    @Test
    void intersectsOrderedIntervalLists() {
        Instant t0 = NOW;
        List<Gap> a = List.of(new Gap(t0, t0.plusSeconds(10)), new Gap(t0.plusSeconds(20), t0.plusSeconds(30)));
        List<Gap> b = List.of(new Gap(t0.plusSeconds(5), t0.plusSeconds(25)));

        assertThat(Coverage.intersect(a, b)).containsExactly(
                new Gap(t0.plusSeconds(5), t0.plusSeconds(10)), new Gap(t0.plusSeconds(20), t0.plusSeconds(25)));
        assertThat(Coverage.intersect(a, List.of())).isEmpty();
    }

    @Test
    void countsEveryFindingInTheSummaryBySeverity() {
        teams.add(new Team("lonely", "Lonely"));
        services.add(service("no-policy", "payments", null, new LabelMatcher("service", MatchOp.EQUALS, "no-policy")));

        CoverageReport report = report();
        assertThat(report.summary()).containsEntry(FindingKind.TEAM_WITHOUT_MEMBERS, 1)
                .containsEntry(FindingKind.SERVICE_WITHOUT_ESCALATION_POLICY, 1)
                .containsEntry(FindingKind.SCHEDULE_GAP, 0);
        assertThat(report.bySeverity()).containsEntry(Severity.ERROR, 1).containsEntry(Severity.WARNING, 1)
                .containsEntry(Severity.INFO, 0);
        assertThat(report.findings()).extracting(Finding::kind)
                .containsExactly(FindingKind.SERVICE_WITHOUT_ESCALATION_POLICY, FindingKind.TEAM_WITHOUT_MEMBERS);
    }
}
