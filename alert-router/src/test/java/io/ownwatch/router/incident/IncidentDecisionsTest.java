package io.ownwatch.router.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertSource;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import io.ownwatch.router.silence.Matcher;
import io.ownwatch.router.silence.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IncidentDecisionsTest {

    static final Instant T0 = Instant.parse("2025-03-04T10:20:00Z");
    private static final FormationProperties DEFAULTS = FormationProperties.defaults();

    // --- deduplication -------------------------------------------------------------------------

    @Test
    void opensAnIncidentForAFiringAlertWithoutOne() {
        Alert alert = firing("k1", T0, "checkout", "HighErrorRate");

        Formation formation = IncidentDecisions.decide(alert, Situation.empty("k1"), DEFAULTS);

        assertThat(formation).isInstanceOfSatisfying(Formation.Opened.class, opened -> {
            assertThat(opened.groupKey()).isEqualTo("service=checkout,alertname=HighErrorRate");
            assertThat(opened.flapping()).isFalse();
            assertThat(opened.history().status()).isEqualTo(AlertStatus.FIRING);
        });
    }

    @Test
    void deduplicatesARepeatIntoTheSameIncidentWithCountAndLastSeen() {
        FormationFold fold = new FormationFold(DEFAULTS);
        fold.apply(firing("k1", T0, "checkout", "HighErrorRate"));
        Formation repeat = fold.apply(firing("k1", T0.plusSeconds(30), "checkout", "HighErrorRate"));

        assertThat(repeat).isInstanceOf(Formation.Deduplicated.class);
        Incident incident = fold.only();
        assertThat(incident.alertCount()).isEqualTo(2);
        assertThat(incident.lastSeenAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(fold.alertsOf(incident)).singleElement().satisfies(a -> {
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.firstSeenAt()).isEqualTo(T0);
            assertThat(a.lastSeenAt()).isEqualTo(T0.plusSeconds(30));
        });
    }

    @Test
    void notesTheFirstRepeatOnTheTimelineAndThenAtMostOncePerInterval() {
        FormationFold fold = new FormationFold(DEFAULTS);
        fold.apply(firing("k1", T0, "checkout", "HighErrorRate"));
        List<Boolean> noted = new ArrayList<>();
        for (int second = 1; second <= 150; second++) {
            Formation.Deduplicated repeat = (Formation.Deduplicated) fold.apply(
                    firing("k1", T0.plusSeconds(second), "checkout", "HighErrorRate"));
            noted.add(repeat.noted());
        }

        assertThat(noted.stream().filter(n -> n).count()).as("first repeat, then +60s, then +120s").isEqualTo(3);
        assertThat(noted.get(0)).isTrue();
        assertThat(noted.get(60)).as("one minute after the first note").isTrue();
        assertThat(fold.only().alertCount()).isEqualTo(151);
    }

    @Test
    void aTriggerAfterResolutionOpensANewIncident() {
        FormationFold fold = new FormationFold(DEFAULTS);
        fold.apply(firing("k1", T0, "checkout", "HighErrorRate"));
        fold.apply(resolved("k1", T0.plusSeconds(60)));

        Formation again = fold.apply(firing("k1", T0.plusSeconds(120), "checkout", "HighErrorRate"));

        assertThat(again).isInstanceOf(Formation.Opened.class);
        assertThat(fold.incidents).hasSize(2);
        assertThat(fold.open()).hasSize(1);
    }

    // --- grouping ------------------------------------------------------------------------------

    @Test
    void groupsADifferentAlertWithTheSameGroupLabelsIntoTheOpenIncident() {
        FormationFold fold = new FormationFold(DEFAULTS);
        fold.apply(firing("pod-a", T0, "checkout", "HighErrorRate"));

        Formation second = fold.apply(firing("pod-b", T0.plusSeconds(90), "checkout", "HighErrorRate"));

        assertThat(second).isInstanceOfSatisfying(Formation.Grouped.class,
                grouped -> assertThat(grouped.added().dedupKey()).isEqualTo("pod-b"));
        Incident incident = fold.only();
        assertThat(incident.alertCount()).isEqualTo(2);
        assertThat(fold.alertsOf(incident)).extracting(IncidentAlert::dedupKey).containsExactly("pod-a", "pod-b");
    }

    @Test
    void groupsNoLongerOnceTheWindowSinceTheIncidentsLastAlertHasPassed() {
        FormationFold fold = new FormationFold(DEFAULTS);
        fold.apply(firing("pod-a", T0, "checkout", "HighErrorRate"));
        fold.apply(firing("pod-b", T0.plus(Duration.ofMinutes(4)), "checkout", "HighErrorRate"));

        assertThat(fold.apply(firing("pod-c", T0.plus(Duration.ofMinutes(8)), "checkout", "HighErrorRate")))
                .as("4 minutes after the last alert: within the window").isInstanceOf(Formation.Grouped.class);
        assertThat(fold.apply(firing("pod-d", T0.plus(Duration.ofMinutes(14)), "checkout", "HighErrorRate")))
                .as("6 minutes after the last alert").isInstanceOf(Formation.Opened.class);
    }

    @Test
    void doesNotGroupAlertsWithOtherValuesOrWithoutTheGroupLabels() {
        FormationFold fold = new FormationFold(DEFAULTS);
        fold.apply(firing("a", T0, "checkout", "HighErrorRate"));

        assertThat(fold.apply(firing("b", T0.plusSeconds(1), "checkout", "HighLatency"))).isInstanceOf(Formation.Opened.class);
        assertThat(fold.apply(firing("c", T0.plusSeconds(2), "payments", "HighErrorRate"))).isInstanceOf(Formation.Opened.class);
        Alert noAlertname = alert("d", AlertStatus.FIRING, Severity.ERROR, T0.plusSeconds(3), Map.of("service", "checkout"));
        Alert noService = alert("e", AlertStatus.FIRING, Severity.ERROR, T0.plusSeconds(4), Map.of("alertname", "HighErrorRate"));
        assertThat(fold.apply(noAlertname)).isInstanceOfSatisfying(Formation.Opened.class,
                opened -> assertThat(opened.groupKey()).isNull());
        assertThat(fold.apply(alert("f", AlertStatus.FIRING, Severity.ERROR, T0.plusSeconds(5), Map.of("service", "checkout"))))
                .as("two alerts that both lack a label are not thereby the same problem")
                .isInstanceOf(Formation.Opened.class);
        assertThat(fold.apply(noService)).isInstanceOf(Formation.Opened.class);
        assertThat(fold.incidents).hasSize(6);
    }

    @Test
    void groupsNothingWhenGroupByIsEmpty() {
        FormationFold fold = new FormationFold(policy(List.of(), true));
        fold.apply(firing("a", T0, "checkout", "HighErrorRate"));

        assertThat(fold.apply(firing("b", T0.plusSeconds(1), "checkout", "HighErrorRate"))).isInstanceOf(Formation.Opened.class);
    }

    @Test
    void theIncidentTakesTheWorstSeverityOfItsAlerts() {
        FormationFold fold = new FormationFold(DEFAULTS);
        fold.apply(alert("a", AlertStatus.FIRING, Severity.WARNING, T0, labels("checkout", "HighErrorRate")));
        fold.apply(alert("b", AlertStatus.FIRING, Severity.CRITICAL, T0.plusSeconds(1), labels("checkout", "HighErrorRate")));
        fold.apply(alert("c", AlertStatus.FIRING, Severity.INFO, T0.plusSeconds(2), labels("checkout", "HighErrorRate")));

        assertThat(fold.only().severity()).isEqualTo(Severity.CRITICAL);
    }

    // --- resolution ----------------------------------------------------------------------------

    @Test
    void resolvesTheIncidentOnlyOnceEveryAlertHasResolved() {
        FormationFold fold = new FormationFold(DEFAULTS);
        fold.apply(firing("a", T0, "checkout", "HighErrorRate"));
        fold.apply(firing("b", T0.plusSeconds(1), "checkout", "HighErrorRate"));

        Formation first = fold.apply(resolved("a", T0.plusSeconds(60)));
        assertThat(first).isInstanceOfSatisfying(Formation.AlertResolved.class,
                r -> assertThat(r.incidentResolved()).isFalse());
        assertThat(fold.only().isOpen()).isTrue();

        Formation last = fold.apply(resolved("b", T0.plusSeconds(70)));
        assertThat(last).isInstanceOfSatisfying(Formation.AlertResolved.class,
                r -> assertThat(r.incidentResolved()).isTrue());
        assertThat(fold.only().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(fold.only().resolvedAt()).isEqualTo(T0.plusSeconds(70));
    }

    @Test
    void leavesTheIncidentToAPersonWhenAutoResolveIsOff() {
        FormationFold fold = new FormationFold(policy(DEFAULTS.by(), false));
        fold.apply(firing("a", T0, "checkout", "HighErrorRate"));

        Formation resolved = fold.apply(resolved("a", T0.plusSeconds(60)));

        assertThat(resolved).isInstanceOfSatisfying(Formation.AlertResolved.class,
                r -> assertThat(r.incidentResolved()).isFalse());
        assertThat(fold.only().isOpen()).isTrue();
        assertThat(fold.alertsOf(fold.only())).singleElement()
                .satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED));
        assertThat(fold.apply(firing("a", T0.plusSeconds(90), "checkout", "HighErrorRate")))
                .as("still held: firing again is a repeat").isInstanceOf(Formation.Deduplicated.class);
    }

    @Test
    void ignoresAResolvedAlertWithoutAnOpenIncidentAndASecondResolution() {
        FormationFold fold = new FormationFold(DEFAULTS);
        assertThat(fold.apply(resolved("a", T0))).isInstanceOfSatisfying(Formation.Ignored.class,
                ignored -> assertThat(ignored.reason()).contains("without an open incident"));

        fold.apply(firing("a", T0.plusSeconds(1), "checkout", "HighErrorRate"));
        fold.apply(firing("b", T0.plusSeconds(2), "checkout", "HighErrorRate"));
        fold.apply(resolved("a", T0.plusSeconds(3)));
        assertThat(fold.apply(resolved("a", T0.plusSeconds(4)))).isInstanceOf(Formation.Ignored.class);
    }

    @ParameterizedTest
    @EnumSource(value = AlertStatus.class, names = {"ACKNOWLEDGED", "UNKNOWN"})
    void ignoresStatusesItDoesNotActOn(AlertStatus status) {
        Alert alert = alert("a", status, Severity.ERROR, T0, labels("checkout", "HighErrorRate"));

        assertThat(IncidentDecisions.decide(alert, Situation.empty("a"), DEFAULTS)).isInstanceOf(Formation.Ignored.class);
    }

    @Test
    void refusesASituationWhoseIncidentDoesNotHoldTheAlert() {
        FormationFold fold = new FormationFold(DEFAULTS);
        fold.apply(firing("a", T0, "checkout", "HighErrorRate"));
        Situation wrong = new Situation(Optional.of(new Situation.Held(fold.only(), fold.alertsOf(fold.only()))),
                Optional.empty(), AlertHistory.none("b"), List.of(), List.of());

        assertThatThrownBy(() -> IncidentDecisions.decide(firing("b", T0, "checkout", "HighErrorRate"), wrong, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- flapping ------------------------------------------------------------------------------

    @Test
    void holdsAFlappingAlertInOneIncidentMarkedFlappingUntilItIsQuietForTheWindow() {
        FormationFold fold = new FormationFold(DEFAULTS);
        Instant t = T0;
        fold.apply(firing("a", t, "checkout", "HighErrorRate"));
        // Changes 1..4 behave normally; the fifth within 30 minutes is one too many.
        for (int i = 0; i < 2; i++) {
            fold.apply(resolved("a", t = t.plus(Duration.ofMinutes(2))));
            fold.apply(firing("a", t = t.plus(Duration.ofMinutes(2)), "checkout", "HighErrorRate"));
        }
        assertThat(fold.incidents).hasSize(3);
        Formation fifth = fold.apply(resolved("a", t = t.plus(Duration.ofMinutes(2))));

        assertThat(fifth).isInstanceOfSatisfying(Formation.AlertResolved.class, r -> {
            assertThat(r.flappingStarted()).isTrue();
            assertThat(r.incidentResolved()).as("held open while flapping").isFalse();
        });
        Incident held = fold.open().get(0);
        assertThat(held.flapping()).isTrue();
        for (int i = 0; i < 3; i++) {
            Formation next = fold.apply(firing("a", t = t.plus(Duration.ofMinutes(1)), "checkout", "HighErrorRate"));
            assertThat(next).isInstanceOfSatisfying(Formation.Deduplicated.class,
                    d -> assertThat(d.flappingStarted()).as("FLAPPING is written once").isFalse());
            fold.apply(resolved("a", t = t.plus(Duration.ofMinutes(1))));
        }
        assertThat(fold.incidents).as("no new incident while flapping").hasSize(3);
        assertThat(fold.open()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(held.id()));

        fold.settle(t.plus(Duration.ofMinutes(29)));
        assertThat(fold.incidents.get(held.id()).isOpen()).as("not yet quiet for 30 minutes").isTrue();
        fold.settle(t.plus(Duration.ofMinutes(30)));
        assertThat(fold.incidents.get(held.id()).status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void aFlappingIncidentWithAFiringAlertDoesNotSettle() {
        FormationFold fold = new FormationFold(DEFAULTS);
        Instant t = T0;
        fold.apply(firing("a", t, "checkout", "HighErrorRate"));
        for (int i = 0; i < 3; i++) {
            fold.apply(resolved("a", t = t.plusSeconds(30)));
            fold.apply(firing("a", t = t.plusSeconds(30), "checkout", "HighErrorRate"));
        }
        Incident flapping = fold.open().get(0);
        assertThat(flapping.flapping()).isTrue();

        fold.settle(t.plus(Duration.ofHours(2)));

        assertThat(fold.incidents.get(flapping.id()).isOpen()).isTrue();
    }

    @Test
    void slowChangesAreNotFlapping() {
        FormationFold fold = new FormationFold(DEFAULTS);
        Instant t = T0;
        for (int i = 0; i < 10; i++) {
            fold.apply(firing("a", t = t.plus(Duration.ofMinutes(10)), "checkout", "HighErrorRate"));
            fold.apply(resolved("a", t = t.plus(Duration.ofMinutes(10))));
        }

        assertThat(fold.incidents).hasSize(10).allSatisfy((id, incident) -> {
            assertThat(incident.flapping()).isFalse();
            assertThat(incident.status()).isEqualTo(IncidentStatus.RESOLVED);
        });
    }

    // --- silences ------------------------------------------------------------------------------

    @Test
    void anActiveMatchingSilenceSuppressesANewIncident() {
        FormationFold fold = new FormationFold(DEFAULTS);
        Silence silence = silence(T0.minusSeconds(60), T0.plusSeconds(3600),
                new Matcher("service", Matcher.Op.EQUALS, "checkout"));
        fold.silences.add(silence);

        Formation formation = fold.apply(firing("a", T0, "checkout", "HighErrorRate"));

        assertThat(formation).isInstanceOfSatisfying(Formation.Suppressed.class, s -> assertThat(s.by())
                .isEqualTo(new Formation.Suppression.Silenced(silence)));
        assertThat(fold.incidents).isEmpty();
    }

    @Test
    void aSilenceKeepsNewIncidentsFromOpeningButLeavesAnExistingOneItsAlert() {
        FormationFold fold = new FormationFold(DEFAULTS);
        fold.apply(firing("a", T0, "checkout", "HighErrorRate"));
        fold.silences.add(silence(T0, T0.plusSeconds(3600), new Matcher("service", Matcher.Op.EQUALS, "checkout")));

        assertThat(fold.apply(firing("a", T0.plusSeconds(10), "checkout", "HighErrorRate")))
                .isInstanceOf(Formation.Deduplicated.class);
        assertThat(fold.apply(firing("b", T0.plusSeconds(10), "checkout", "HighErrorRate")))
                .as("a new alert is not grouped in while silenced").isInstanceOf(Formation.Suppressed.class);
    }

    @Test
    void aSilenceOutsideItsTimeOrNotMatchingSuppressesNothing() {
        FormationFold fold = new FormationFold(DEFAULTS);
        fold.silences.add(silence(T0.plusSeconds(60), T0.plusSeconds(3600), new Matcher("service", Matcher.Op.EQUALS, "checkout")));
        fold.silences.add(silence(T0.minusSeconds(3600), T0.minusSeconds(60), new Matcher("service", Matcher.Op.EQUALS, "checkout")));
        fold.silences.add(silence(T0.minusSeconds(60), T0.plusSeconds(3600), new Matcher("service", Matcher.Op.EQUALS, "payments")));
        fold.silences.add(silence(T0.minusSeconds(60), T0.plusSeconds(3600),
                new Matcher("service", Matcher.Op.EQUALS, "checkout"), new Matcher("env", Matcher.Op.EQUALS, "staging")));
        Silence expired = silence(T0.minusSeconds(60), T0.plusSeconds(3600), new Matcher("service", Matcher.Op.EQUALS, "checkout"))
                .expire(T0.minusSeconds(1));
        fold.silences.add(expired);

        assertThat(fold.apply(firing("a", T0, "checkout", "HighErrorRate"))).isInstanceOf(Formation.Opened.class);
    }

    @Test
    void matchersFollowAlertmanager() {
        Map<String, String> labels = Map.of("service", "checkout", "env", "prod");

        assertThat(new Matcher("service", Matcher.Op.REGEX, "check.*").matches(labels)).isTrue();
        assertThat(new Matcher("service", Matcher.Op.REGEX, "check").matches(labels)).as("anchored").isFalse();
        assertThat(new Matcher("env", Matcher.Op.NOT_EQUALS, "staging").matches(labels)).isTrue();
        assertThat(new Matcher("team", Matcher.Op.NOT_EQUALS, "x").matches(labels)).as("missing reads as empty").isTrue();
        assertThat(new Matcher("team", Matcher.Op.EQUALS, "").matches(labels)).isTrue();
        assertThat(new Matcher("env", Matcher.Op.EQUALS, "prod").matches(labels)).isTrue();
    }

    // --- inhibition ----------------------------------------------------------------------------

    @Test
    void aFiringCriticalAlertInhibitsWarningsAndInfosOfTheSameService() {
        FormationFold fold = new FormationFold(policy(List.of(), true));
        fold.apply(alert("crit", AlertStatus.FIRING, Severity.CRITICAL, T0, labels("checkout", "Down")));

        Formation warning = fold.apply(alert("warn", AlertStatus.FIRING, Severity.WARNING, T0.plusSeconds(1),
                labels("checkout", "SlowDisk")));
        Formation info = fold.apply(alert("info", AlertStatus.FIRING, Severity.INFO, T0.plusSeconds(1),
                labels("checkout", "Note")));

        assertThat(warning).isInstanceOfSatisfying(Formation.Suppressed.class, s -> assertThat(s.by())
                .isInstanceOfSatisfying(Formation.Suppression.Inhibited.class,
                        i -> assertThat(i.by().dedupKey()).isEqualTo("crit")));
        assertThat(info).isInstanceOf(Formation.Suppressed.class);
        assertThat(fold.apply(alert("err", AlertStatus.FIRING, Severity.ERROR, T0.plusSeconds(2), labels("checkout", "Errors"))))
                .as("errors are not inhibited").isInstanceOf(Formation.Opened.class);
        assertThat(fold.apply(alert("other", AlertStatus.FIRING, Severity.WARNING, T0.plusSeconds(2), labels("payments", "SlowDisk"))))
                .as("another service").isInstanceOf(Formation.Opened.class);
    }

    @Test
    void aResolvedCriticalAlertInhibitsNothing() {
        FormationFold fold = new FormationFold(policy(List.of(), false));
        fold.apply(alert("crit", AlertStatus.FIRING, Severity.CRITICAL, T0, labels("checkout", "Down")));
        fold.apply(alert("crit", AlertStatus.RESOLVED, Severity.CRITICAL, T0.plusSeconds(5), labels("checkout", "Down")));

        assertThat(fold.apply(alert("warn", AlertStatus.FIRING, Severity.WARNING, T0.plusSeconds(10), labels("checkout", "SlowDisk"))))
                .isInstanceOf(Formation.Opened.class);
    }

    // --- order and idempotence -----------------------------------------------------------------

    @Test
    void theOrderOfDuplicateDeliveriesDoesNotChangeTheOutcome() {
        List<Alert> deliveries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            deliveries.add(firing("k" + (i % 3), T0.plusSeconds(i * 7L % 50), "svc" + (i % 3), "A"));
        }
        Map<String, Integer> expected = counts(fold(deliveries));
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<Alert> shuffled = new ArrayList<>(deliveries);
            Collections.shuffle(shuffled, random);
            assertThat(counts(fold(shuffled))).isEqualTo(expected);
        }
    }

    @Test
    void theSendersAcknowledgementAcknowledgesTheIncidentOnceInTheIntegrationsName() {
        FormationFold fold = new FormationFold(DEFAULTS);
        fold.apply(firing("k1", T0, "checkout", "HighErrorRate"));
        Map<String, String> fromPagerDuty = Map.of("service", "checkout", "alertname", "HighErrorRate",
                Alert.INTEGRATION_LABEL, "prod-pagerduty");

        Formation first = fold.apply(alert("k1", AlertStatus.ACKNOWLEDGED, Severity.ERROR, T0.plusSeconds(90), fromPagerDuty));
        Formation again = fold.apply(alert("k1", AlertStatus.ACKNOWLEDGED, Severity.ERROR, T0.plusSeconds(95), fromPagerDuty));

        assertThat(first).isInstanceOfSatisfying(Formation.AcknowledgedBySender.class, acknowledged -> {
            assertThat(acknowledged.by()).isEqualTo("integration:prod-pagerduty");
            assertThat(acknowledged.incident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
            assertThat(acknowledged.incident().acknowledgedAt()).isEqualTo(T0.plusSeconds(90));
        });
        assertThat(again).isInstanceOfSatisfying(Formation.Ignored.class,
                ignored -> assertThat(ignored.reason()).isEqualTo("incident already acknowledged"));
        assertThat(fold.only().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(fold.apply(resolved("k1", T0.plusSeconds(200)))).isInstanceOfSatisfying(Formation.AlertResolved.class,
                resolved -> assertThat(resolved.incidentResolved()).isTrue());
    }

    @Test
    void anAcknowledgementWithoutAnOpenIncidentChangesNothing() {
        Formation formation = IncidentDecisions.decide(
                alert("k9", AlertStatus.ACKNOWLEDGED, Severity.ERROR, T0, labels("checkout", "HighErrorRate")),
                Situation.empty("k9"), DEFAULTS);

        assertThat(formation).isInstanceOfSatisfying(Formation.Ignored.class,
                ignored -> assertThat(ignored.reason()).isEqualTo("acknowledgement without an open incident"));
    }

    static FormationFold fold(List<Alert> alerts) {
        FormationFold fold = new FormationFold(DEFAULTS);
        alerts.forEach(fold::apply);
        return fold;
    }

    static Map<String, Integer> counts(FormationFold fold) {
        Map<String, Integer> counts = new HashMap<>();
        fold.incidents.values().forEach(i -> fold.alertsOf(i).forEach(a -> counts.merge(a.dedupKey(), a.count(), Integer::sum)));
        return counts;
    }

    // --- helpers -------------------------------------------------------------------------------

    static FormationProperties policy(List<String> by, boolean autoResolve) {
        return new FormationProperties(by, Duration.ofMinutes(5), autoResolve, new FormationProperties.Flapping(4,
                Duration.ofMinutes(30)), Duration.ofMinutes(1), Duration.ofSeconds(30));
    }

    static Map<String, String> labels(String service, String alertname) {
        return Map.of("service", service, "alertname", alertname);
    }

    static Alert firing(String dedupKey, Instant at, String service, String alertname) {
        return alert(dedupKey, AlertStatus.FIRING, Severity.ERROR, at, labels(service, alertname));
    }

    static Alert resolved(String dedupKey, Instant at) {
        return alert(dedupKey, AlertStatus.RESOLVED, Severity.ERROR, at, labels("checkout", "HighErrorRate"));
    }

    static Alert alert(String dedupKey, AlertStatus status, Severity severity, Instant at, Map<String, String> labels) {
        return new Alert(UUID.randomUUID().toString(), dedupKey, AlertSource.KAFKA, status, severity,
                "summary of " + dedupKey, labels, Map.of(), at.minusSeconds(5), null, at, null);
    }

    static Silence silence(Instant startsAt, Instant endsAt, Matcher... matchers) {
        return new Silence(UUID.randomUUID(), List.of(matchers), startsAt, endsAt, "alice", "maintenance",
                "database upgrade", startsAt, null, 1);
    }
}
