package io.ownwatch.router.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.ownwatch.router.alert.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of deduplication, over generated deliveries. Run by the jqwik engine with the unit tests. */
class DeduplicationPropertiesTest {

    @Property
    void deduplicationIsIdempotentAndOrderFree(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 3000) Integer> secondsAfterStart,
            @ForAll long seed) {
        List<Alert> deliveries = secondsAfterStart.stream()
                .map(s -> IncidentDecisionsTest.firing("storm", IncidentDecisionsTest.T0.plusSeconds(s), "checkout", "HighErrorRate"))
                .toList();
        List<Alert> shuffled = new ArrayList<>(deliveries);
        Collections.shuffle(shuffled, new Random(seed));

        for (List<Alert> order : List.of(deliveries, shuffled)) {
            FormationFold fold = IncidentDecisionsTest.fold(order);
            Incident incident = fold.only();
            assertThat(incident.alertCount()).isEqualTo(deliveries.size());
            Instant first = deliveries.stream().map(Alert::receivedAt).min(Instant::compareTo).orElseThrow();
            Instant last = deliveries.stream().map(Alert::receivedAt).max(Instant::compareTo).orElseThrow();
            assertThat(incident.lastSeenAt()).isEqualTo(last);
            assertThat(fold.alertsOf(incident)).singleElement().satisfies(a -> {
                assertThat(a.count()).isEqualTo(deliveries.size());
                assertThat(a.firstSeenAt()).isEqualTo(first);
                assertThat(a.lastSeenAt()).isEqualTo(last);
            });
            long notes = fold.outcomes.stream()
                    .filter(f -> f instanceof Formation.Deduplicated d && d.noted())
                    .count();
            assertThat(notes).as("a storm is coalesced on the timeline: at most one note per minute, plus the first")
                    .isLessThanOrEqualTo(Math.min(deliveries.size() - 1, 3000 / 60 + 1));
        }
    }

    @Property
    void everyDedupKeyIsHeldByExactlyOneIncidentWhateverTheOrder(
            @ForAll @Size(min = 1, max = 80) List<@IntRange(min = 0, max = 5) Integer> keys,
            @ForAll long seed) {
        List<Alert> deliveries = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            int key = keys.get(i);
            deliveries.add(IncidentDecisionsTest.firing("k" + key, IncidentDecisionsTest.T0.plusSeconds(i),
                    "svc" + key % 2, "alert" + key));
        }
        List<Alert> shuffled = new ArrayList<>(deliveries);
        Collections.shuffle(shuffled, new Random(seed));

        FormationFold inOrder = IncidentDecisionsTest.fold(deliveries);
        FormationFold reordered = IncidentDecisionsTest.fold(shuffled);

        assertThat(IncidentDecisionsTest.counts(reordered)).isEqualTo(IncidentDecisionsTest.counts(inOrder));
        assertThat(reordered.incidents).hasSameSizeAs(inOrder.incidents)
                .hasSize((int) keys.stream().distinct().count());
    }
}
