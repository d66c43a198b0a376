package io.ownwatch.router.incident;

import static io.ownwatch.router.incident.IncidentDecisionsTest.T0;
import static io.ownwatch.router.incident.IncidentDecisionsTest.firing;
import static io.ownwatch.router.incident.IncidentDecisionsTest.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ownwatch.router.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchHoldingsTest {

    /** As the defaults, but flapping from the fourth change, which k2 makes with its first repeat. */
    private static final FormationProperties POLICY = new FormationProperties(List.of("service", "alertname"),
            Duration.ofMinutes(5), true, new FormationProperties.Flapping(3, Duration.ofMinutes(30)),
            Duration.ofMinutes(1), Duration.ofSeconds(30));
    private static final int KEYS = 12;

    /**
     * The batch's fold (one alert and the incident per repeat) against the decision on the whole situation (every
     * alert of the incident, as {@link FormationFold} keeps it): the same outcome for every repeat, whatever the
     * order and timing of the repeats, including alerts that resolved and fire again and start flapping.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void foldsRepeatsAsTheDecisionOnTheWholeIncidentDoes(long seed) {
        Random random = new Random(seed);
        FormationFold whole = stormIncident();
        Incident incident = whole.only();
        BatchHoldings holdings = new BatchHoldings();
        holdings.load(keys(), heldAlerts(whole, incident), new HashMap<>(whole.histories));
        Set<String> touched = new TreeSet<>();
        List<Formation.Deduplicated> outcomes = new ArrayList<>();

        for (int i = 0; i < 400; i++) {
            String dedupKey = "k" + random.nextInt(KEYS);
            // Out of order now and then: a late delivery.
            Instant at = T0.plusSeconds(600 + i * (long) random.nextInt(20) - random.nextInt(120));
            Alert repeat = firing(dedupKey, at, "checkout", "HighErrorRate");

            Formation expected = whole.apply(repeat);
            HeldAlert held = holdings.holding(dedupKey).orElseThrow();
            Formation.Deduplicated folded = IncidentDecisions.repeat(repeat, held.incident(), held.alert(),
                    holdings.history(dedupKey), POLICY);
            // FormationFold keeps sequences as they are: so does this fold.
            holdings.folded(folded, folded.incident());
            touched.add(dedupKey);

            assertThat(folded).isEqualTo(expected);
            outcomes.add(folded);
        }
        // The run went through every branch of a repeat.
        assertThat(outcomes).anyMatch(Formation.Deduplicated::noted).anyMatch(repeat -> !repeat.noted())
                .anyMatch(Formation.Deduplicated::flappingStarted);
        assertThat(holdings.changedIncidents()).containsExactly(whole.only());
        assertThat(holdings.changedAlerts())
                .containsExactlyInAnyOrderElementsOf(whole.alertsOf(incident).stream()
                        .filter(a -> touched.contains(a.dedupKey())).toList());
        assertThat(holdings.changedHistories()).allSatisfy(history ->
                assertThat(history).isEqualTo(whole.histories.get(history.dedupKey())));
    }

    @Test
    void writesOnlyTheHistoriesARepeatChanged() {
        FormationFold whole = stormIncident();
        Incident incident = whole.only();
        BatchHoldings holdings = new BatchHoldings();
        holdings.load(keys(), heldAlerts(whole, incident), new HashMap<>(whole.histories));

        fold(holdings, firing("k0", T0.plusSeconds(700), "checkout", "HighErrorRate"));
        // k1 resolved before: firing again is a status change.
        fold(holdings, firing("k1", T0.plusSeconds(710), "checkout", "HighErrorRate"));

        assertThat(holdings.changedHistories()).extracting(AlertHistory::dedupKey).containsExactly("k1");
        assertThat(holdings.changedAlerts()).extracting(IncidentAlert::dedupKey).containsExactly("k0", "k1");
        holdings.written();
        assertThat(holdings.changedHistories()).isEmpty();
        assertThat(holdings.changedAlerts()).isEmpty();
        assertThat(holdings.changedIncidents()).isEmpty();
    }

    @Test
    void keysOfOneIncidentShareItsLatestState() {
        FormationFold whole = stormIncident();
        Incident incident = whole.only();
        BatchHoldings holdings = new BatchHoldings();
        holdings.load(keys(), heldAlerts(whole, incident), new HashMap<>(whole.histories));

        Formation.Deduplicated first = fold(holdings, firing("k3", T0.plusSeconds(700), "checkout", "HighErrorRate"));

        assertThat(holdings.holding("k4").orElseThrow().incident()).isEqualTo(first.incident());
        assertThat(holdings.holding("k4").orElseThrow().incident().alertCount()).isEqualTo(incident.alertCount() + 1);
        assertThat(holdings.holding("k3").orElseThrow().alert().count()).isEqualTo(2);
    }

    @Test
    void aKeyNoIncidentHoldsIsKnownAsNotHeld() {
        BatchHoldings holdings = new BatchHoldings();
        holdings.load(List.of("lonely"), Map.of(), Map.of());

        assertThat(holdings.knows("lonely")).isTrue();
        assertThat(holdings.holding("lonely")).isEmpty();
        assertThat(holdings.history("lonely")).isEqualTo(AlertHistory.none("lonely"));
        assertThatThrownBy(() -> holdings.holding("never-loaded")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forgetsOnlyWhatIsWritten() {
        FormationFold whole = stormIncident();
        BatchHoldings holdings = new BatchHoldings();
        holdings.load(keys(), heldAlerts(whole, whole.only()), new HashMap<>(whole.histories));
        fold(holdings, firing("k0", T0.plusSeconds(700), "checkout", "HighErrorRate"));

        assertThatThrownBy(() -> holdings.forget("k0", null)).isInstanceOf(IllegalStateException.class);
        holdings.written();
        holdings.forget("k0", null);

        assertThat(holdings.knows("k0")).isFalse();
        assertThat(holdings.knows("k5")).as("an event that changed no incident leaves the other keys known").isTrue();
    }

    @Test
    void forgetsEveryKeyOfTheIncidentAnEventChanged() {
        FormationFold whole = stormIncident();
        Incident incident = whole.only();
        BatchHoldings holdings = new BatchHoldings();
        List<String> keys = new ArrayList<>(keys());
        keys.add("elsewhere");
        holdings.load(keys, heldAlerts(whole, incident), new HashMap<>(whole.histories));

        holdings.forget("newcomer", incident.id());

        assertThat(keys()).noneMatch(holdings::knows);
        assertThat(holdings.knows("elsewhere")).isTrue();
        holdings.load(List.of("k3"), Map.of(), Map.of());
        assertThat(holdings.holding("k3")).as("read again: the incident no longer holds it").isEmpty();
    }

    @Test
    void aLaterLoadKeepsTheBatchsStateOfAnIncident() {
        FormationFold whole = stormIncident();
        Incident incident = whole.only();
        Map<String, HeldAlert> stored = heldAlerts(whole, incident);
        BatchHoldings holdings = new BatchHoldings();
        holdings.load(List.of("k0"), stored, new HashMap<>(whole.histories));
        Formation.Deduplicated repeat = fold(holdings, firing("k0", T0.plusSeconds(700), "checkout", "HighErrorRate"));

        holdings.load(List.of("k0", "k5"), stored, new HashMap<>(whole.histories));

        assertThat(holdings.holding("k5").orElseThrow().incident()).isEqualTo(repeat.incident());
        assertThat(holdings.holding("k0").orElseThrow().alert()).isEqualTo(repeat.updated());
    }

    private static Formation.Deduplicated fold(BatchHoldings holdings, Alert alert) {
        HeldAlert held = holdings.holding(alert.dedupKey()).orElseThrow();
        Formation.Deduplicated repeat = IncidentDecisions.repeat(alert, held.incident(), held.alert(),
                holdings.history(alert.dedupKey()), POLICY);
        holdings.folded(repeat, repeat.incident());
        return repeat;
    }

    /** One open incident of KEYS alerts grouped together: k1 resolved, k2 fired and resolved twice. */
    private static FormationFold stormIncident() {
        FormationFold whole = new FormationFold(POLICY);
        for (int k = 0; k < KEYS; k++) {
            whole.apply(firing("k" + k, T0.plusSeconds(k), "checkout", "HighErrorRate"));
        }
        whole.apply(resolved("k1", T0.plusSeconds(100)));
        whole.apply(resolved("k2", T0.plusSeconds(110)));
        whole.apply(firing("k2", T0.plusSeconds(120), "checkout", "HighErrorRate"));
        whole.apply(resolved("k2", T0.plusSeconds(130)));
        assertThat(whole.open()).hasSize(1);
        return whole;
    }

    private static List<String> keys() {
        return java.util.stream.IntStream.range(0, KEYS).mapToObj(k -> "k" + k).toList();
    }

    private static Map<String, HeldAlert> heldAlerts(FormationFold whole, Incident incident) {
        Map<String, HeldAlert> held = new HashMap<>();
        whole.alertsOf(incident).forEach(alert -> held.put(alert.dedupKey(), new HeldAlert(incident, alert)));
        return held;
    }
}
