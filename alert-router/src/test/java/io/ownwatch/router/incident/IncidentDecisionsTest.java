package io.ownwatch.router.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertSource;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IncidentDecisionsTest {

    private static final Instant NOW = Instant.parse("2025-03-04T10:20:00Z");
    private static final String KEY = "5f2b2c8c1d9e0a7b";

    @Test
    void opensAnIncidentForAFiringAlertWithoutOne() {
        Alert alert = alert(AlertStatus.FIRING, KEY);

        Decision decision = IncidentDecisions.decide(alert, Optional.empty(), NOW);

        assertThat(decision).isEqualTo(new Decision.OpenIncident(alert, NOW));
    }

    @Test
    void deduplicatesAFiringRepeatInsteadOfOpeningASecondIncident() {
        Alert alert = alert(AlertStatus.FIRING, KEY);
        Incident open = incident(IncidentStatus.OPEN, KEY, 4);

        Decision decision = IncidentDecisions.decide(alert, Optional.of(open), NOW);

        assertThat(decision).isEqualTo(new Decision.Deduplicate(open, alert, NOW));
    }

    @Test
    void resolvesTheIncidentWhenItsOnlyAlertResolves() {
        Alert alert = alert(AlertStatus.RESOLVED, KEY);
        Incident open = incident(IncidentStatus.OPEN, KEY, 1);

        Decision decision = IncidentDecisions.decide(alert, Optional.of(open), NOW);

        assertThat(decision).isEqualTo(new Decision.Resolve(open, alert, NOW));
    }

    @Test
    void resolvesEvenAfterManyRepeats() {
        Incident open = incident(IncidentStatus.OPEN, KEY, 57);

        assertThat(IncidentDecisions.decide(alert(AlertStatus.RESOLVED, KEY), Optional.of(open), NOW))
                .isInstanceOf(Decision.Resolve.class);
    }

    @Test
    void ignoresAResolvedAlertWithoutAnOpenIncident() {
        Decision decision = IncidentDecisions.decide(alert(AlertStatus.RESOLVED, KEY), Optional.empty(), NOW);

        assertThat(decision).isInstanceOfSatisfying(Decision.Ignore.class,
                ignore -> assertThat(ignore.reason()).contains("without an open incident"));
    }

    @Test
    void treatsAResolvedIncidentAsNoIncident() {
        Incident resolved = incident(IncidentStatus.RESOLVED, KEY, 3);

        assertThat(IncidentDecisions.decide(alert(AlertStatus.FIRING, KEY), Optional.of(resolved), NOW))
                .as("a firing alert after resolution opens a new incident")
                .isInstanceOf(Decision.OpenIncident.class);
        assertThat(IncidentDecisions.decide(alert(AlertStatus.RESOLVED, KEY), Optional.of(resolved), NOW))
                .as("a second resolution changes nothing")
                .isInstanceOf(Decision.Ignore.class);
    }

    @ParameterizedTest
    @EnumSource(value = AlertStatus.class, names = {"ACKNOWLEDGED", "UNKNOWN"})
    void ignoresStatusesTheSkeletonDoesNotHandle(AlertStatus status) {
        Incident open = incident(IncidentStatus.OPEN, KEY, 1);

        assertThat(IncidentDecisions.decide(alert(status, KEY), Optional.of(open), NOW)).isInstanceOf(Decision.Ignore.class);
        assertThat(IncidentDecisions.decide(alert(status, KEY), Optional.empty(), NOW)).isInstanceOf(Decision.Ignore.class);
    }

    @ParameterizedTest
    @EnumSource(AlertStatus.class)
    void neverOpensAnIncidentUnlessTheAlertFires(AlertStatus status) {
        Decision decision = IncidentDecisions.decide(alert(status, KEY), Optional.empty(), NOW);

        assertThat(decision instanceof Decision.OpenIncident).isEqualTo(status == AlertStatus.FIRING);
    }

    @Test
    void stampsTheDecisionWithTheTimeItWasGivenNotAClockOfItsOwn() {
        Instant past = Instant.parse("2020-01-01T00:00:00Z");

        assertThat(IncidentDecisions.decide(alert(AlertStatus.FIRING, KEY), Optional.empty(), past))
                .isEqualTo(new Decision.OpenIncident(alert(AlertStatus.FIRING, KEY), past));
    }

    @Test
    void refusesAnIncidentOfAnotherDedupKey() {
        Incident other = incident(IncidentStatus.OPEN, "another-key", 1);

        assertThatThrownBy(() -> IncidentDecisions.decide(alert(AlertStatus.FIRING, KEY), Optional.of(other), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another-key");
    }

    private static Alert alert(AlertStatus status, String dedupKey) {
        return new Alert("event-1", dedupKey, AlertSource.ALERTMANAGER, status, Severity.CRITICAL, "Checkout errors",
                Map.of("alertname", "HighErrorRate", "service", "checkout"), Map.of(),
                Instant.parse("2025-03-04T10:15:30Z"), null, Instant.parse("2025-03-04T10:16:00Z"), null);
    }

    private static Incident incident(IncidentStatus status, String dedupKey, int alertCount) {
        Instant opened = Instant.parse("2025-03-04T10:00:00Z");
        return new Incident(UUID.fromString("00000000-0000-0000-0000-000000000001"), dedupKey, status, null, "operations",
                Severity.CRITICAL, "Checkout errors", opened, opened,
                status == IncidentStatus.RESOLVED ? opened.plusSeconds(60) : null, alertCount, 3);
    }
}
