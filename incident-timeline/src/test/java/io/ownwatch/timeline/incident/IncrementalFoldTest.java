package io.ownwatch.timeline.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Carrying a stored fold on with new entries ({@link IncidentProjection#advance}) must give what the full fold of
 * every recorded entry gives, however the entries are delivered: in batches, out of order, redelivered, with gaps.
 */
class IncrementalFoldTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final EntryType[] TYPES = EntryType.values();
    private static final String[] SERVICES = {null, "checkout", "payments"};
    private static final String[] SUMMARIES = {null, "Checkout is down", "Still down", "Back up"};
    private static final Severity[] SEVERITIES = Severity.values();

    /** A timeline of 1 to 40 entries of one incident, numbered 1..n, with random kinds, actors and clocks. */
    private static List<TimelineEntry> timeline(Random random) {
        int size = 1 + random.nextInt(40);
        boolean silence = random.nextInt(8) == 0;
        List<TimelineEntry> entries = new ArrayList<>(size);
        for (int sequence = 1; sequence <= size; sequence++) {
            EntryType type = silence ? EntryType.SUPPRESSED : TYPES[random.nextInt(TYPES.length)];
            // Mostly a silence's record when silenced; now and then an incident entry turns it into an incident.
            if (silence && random.nextInt(30) == 0) {
                type = EntryType.INCIDENT_OPENED;
            }
            Map<String, String> attributes = type == EntryType.SUPPRESSED
                    ? Map.of("reason", silence || random.nextBoolean() ? "silenced" : "inhibited-by")
                    : Map.of();
            entries.add(new TimelineEntry("e" + sequence + "-" + random.nextInt(1_000_000), "inc-1", sequence, type,
                    // Producers' clocks disagree: occurredAt does not follow the sequence.
                    T0.plusSeconds(random.nextInt(3_600)),
                    new Actor(random.nextBoolean() ? Actor.PERSON : "SYSTEM", "someone"),
                    SERVICES[random.nextInt(SERVICES.length)], random.nextBoolean() ? null : "team-" + random.nextInt(3),
                    SEVERITIES[random.nextInt(SEVERITIES.length)], SUMMARIES[random.nextInt(SUMMARIES.length)],
                    attributes));
        }
        return entries;
    }

    /**
     * Deliveries as a consumer sees them: every entry at least once (some twice, as after a crash), in batches,
     * mostly in order but now and then shuffled, and some entries held back to the end (a gap meanwhile).
     */
    private static List<List<TimelineEntry>> deliveries(List<TimelineEntry> timeline, Random random) {
        List<TimelineEntry> stream = new ArrayList<>();
        List<TimelineEntry> heldBack = new ArrayList<>();
        for (TimelineEntry entry : timeline) {
            (random.nextInt(6) == 0 ? heldBack : stream).add(entry);
            if (random.nextInt(5) == 0) {
                stream.add(entry);
            }
        }
        if (random.nextInt(3) == 0) {
            Collections.shuffle(stream, random);
        }
        stream.addAll(heldBack);
        if (random.nextBoolean() && !stream.isEmpty()) {
            // A redelivered tail: the consumer crashed after recording it, before committing its offsets.
            stream.addAll(stream.subList(random.nextInt(stream.size()), stream.size()));
        }
        List<List<TimelineEntry>> batches = new ArrayList<>();
        for (int from = 0; from < stream.size(); ) {
            int to = Math.min(stream.size(), from + 1 + random.nextInt(8));
            batches.add(List.copyOf(stream.subList(from, to)));
            from = to;
        }
        return batches;
    }

    /** The store's part, in memory: entries recorded by event id, and the fold kept of the incident. */
    private static final class Store {
        final Map<String, TimelineEntry> recorded = new LinkedHashMap<>();
        IncidentProjection.Fold stored;
        final AtomicInteger timelineReads = new AtomicInteger();

        void deliver(List<TimelineEntry> batch) {
            List<TimelineEntry> added = new ArrayList<>();
            for (TimelineEntry entry : batch) {
                if (recorded.putIfAbsent(entry.eventId(), entry) == null) {
                    added.add(entry);
                }
            }
            if (added.isEmpty()) {
                return;
            }
            stored = IncidentProjection.advance(stored, added, () -> {
                timelineReads.incrementAndGet();
                return List.copyOf(recorded.values());
            }).orElse(null);
        }
    }

    @Property(tries = 2_000)
    void carryingTheFoldOnEqualsTheFullFoldAfterEveryBatch(@ForAll long seed) {
        Random random = new Random(seed);
        List<TimelineEntry> timeline = timeline(random);
        Store store = new Store();
        for (List<TimelineEntry> batch : deliveries(timeline, random)) {
            store.deliver(batch);
            List<TimelineEntry> recorded = List.copyOf(store.recorded.values());
            if (IncidentProjection.isSilenceLog(recorded)) {
                assertThat(store.stored).as("seed %d: a silence's record has no incident", seed).isNull();
            }
            else {
                assertThat(store.stored).as("seed %d", seed).isEqualTo(IncidentProjection.foldAll(recorded));
            }
        }
        assertThat(store.recorded).hasSize(timeline.size());
    }

    @Property(tries = 500)
    void entriesDeliveredInOrderWithoutGapsAreNeverReadBackAfterTheFirstBatch(@ForAll long seed) {
        Random random = new Random(seed);
        List<TimelineEntry> timeline = timeline(random);
        Store store = new Store();
        int batches = 0;
        for (int from = 0; from < timeline.size(); batches++) {
            int to = Math.min(timeline.size(), from + 1 + random.nextInt(8));
            store.deliver(timeline.subList(from, to));
            from = to;
        }
        assertThat(store.timelineReads.get()).as("seed %d, %d batches", seed, batches).isLessThanOrEqualTo(1);
        if (!IncidentProjection.isSilenceLog(timeline)) {
            assertThat(store.stored).isEqualTo(IncidentProjection.foldAll(timeline));
        }
    }

    @Test
    void aGapOrEntriesThatDoNotFollowAreRefoldedInFull() {
        List<TimelineEntry> timeline = timeline(new Random(7));
        while (timeline.size() < 4) {
            timeline = timeline(new Random(timeline.size() + 11L));
        }
        IncidentProjection.Fold first = IncidentProjection.foldAll(timeline.subList(0, 1));
        assertThat(first.continuesWith(timeline.subList(1, 3))).isTrue();
        assertThat(first.continuesWith(timeline.subList(2, 3))).as("sequence 2 is missing").isFalse();
        assertThat(first.continuesWith(List.of(timeline.get(2), timeline.get(1)))).as("not in sequence order").isFalse();
        assertThat(IncidentProjection.foldAll(List.of(timeline.get(0), timeline.get(2))).continuesWith(
                timeline.subList(3, 4))).as("the stored fold has a gap").isFalse();
        List<TimelineEntry> skipping = timeline.subList(2, 3);
        assertThatThrownBy(() -> IncidentProjection.continueFold(first, skipping))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
