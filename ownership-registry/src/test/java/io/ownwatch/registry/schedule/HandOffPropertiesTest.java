package io.ownwatch.registry.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of hand-offs, over generated zones, hand-off times, shift lengths and dates (jqwik). */
class HandOffPropertiesTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Sydney"), ZoneId.of("UTC"));

    @Property(tries = 500)
    void calendarHandOffsHappenAtTheLocalHandOffTimeOnTheirDay(@ForAll @IntRange(min = 0, max = 3) int zoneIndex,
            @ForAll @IntRange(min = 0, max = 23) int hour, @ForAll @IntRange(min = 1, max = 14) int days,
            @ForAll @IntRange(min = 1, max = 120) int shift) {
        ZoneId zone = ZONES.get(zoneIndex);
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, hour, 0);
        LocalDateTime handOff = start.plusDays((long) shift * days);
        // A hand-off inside a spring-forward gap has no wall-clock instant of its own; OnCallTest covers that case.
        Assume.that(zone.getRules().getValidOffsets(handOff).size() == 1);
        Schedule schedule = new Schedule("s", "s", "t", zone,
                List.of(new Layer("l", List.of("even", "odd"), start, new ShiftLength.Days(days), List.of())), List.of(), 0);
        Instant at = handOff.atZone(zone).toInstant();
        String expected = shift % 2 == 0 ? "even" : "odd";
        String before = shift % 2 == 0 ? "odd" : "even";
        assertThat(OnCall.onCall(schedule, at)).contains(expected);
        assertThat(OnCall.onCall(schedule, at.minusSeconds(1))).contains(before);
        assertThat(at.atZone(zone).toLocalTime()).isEqualTo(LocalTime.of(hour, 0));
    }

    @Property(tries = 300)
    void timelineAndGapsTileAnyPeriodOfARestrictedLayer(@ForAll @IntRange(min = 0, max = 3) int zoneIndex,
            @ForAll @IntRange(min = 0, max = 23) int opens, @ForAll @IntRange(min = 0, max = 23) int closes,
            @ForAll @IntRange(min = 1, max = 48) int hours, @ForAll @IntRange(min = 0, max = 364) int fromDay,
            @ForAll @IntRange(min = 1, max = 2000) int lengthHours) {
        ZoneId zone = ZONES.get(zoneIndex);
        Schedule schedule = new Schedule("s", "s", "t", zone, List.of(new Layer("l", List.of("a", "b", "c"),
                LocalDateTime.of(2026, 1, 1, 9, 0), new ShiftLength.Hours(hours),
                List.of(Restriction.daily(LocalTime.of(opens, 0), LocalTime.of(closes, 0))))), List.of(), 0);
        Instant from = LocalDate.of(2026, 1, 1).plusDays(fromDay).atStartOfDay(zone).toInstant();
        Instant to = from.plus(Duration.ofHours(lengthHours));
        Duration covered = OnCall.timeline(schedule, from, to).stream()
                .map(s -> Duration.between(s.from(), s.to())).reduce(Duration.ZERO, Duration::plus);
        Duration uncovered = OnCall.gaps(schedule, from, to).stream().map(Gap::length).reduce(Duration.ZERO, Duration::plus);
        assertThat(covered.plus(uncovered)).isEqualTo(Duration.between(from, to));
        for (Shift shift : OnCall.timeline(schedule, from, to)) {
            assertThat(OnCall.onCall(schedule, shift.from())).contains(shift.personId());
            assertThat(OnCall.onCall(schedule, shift.to().minusSeconds(1))).contains(shift.personId());
        }
    }
}
