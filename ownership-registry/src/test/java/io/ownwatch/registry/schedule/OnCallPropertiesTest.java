package io.ownwatch.registry.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Properties of the on-call arithmetic, checked on many random schedules. */
class OnCallPropertiesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /**
     * A property checked on many random schedules (fixed seed, so a failure reproduces): the timeline
     * and the gaps tile the interval exactly, and every sampled instant is answered the same way by
     * onCall and by the timeline.
     */
    @Test
    void timelineAndGapsAgreeWithOnCallOnRandomSchedules() {
        Random random = new Random(20261122);
        List<ZoneId> zones = List.of(BERLIN, NEW_YORK, ZoneId.of("UTC"), ZoneId.of("Australia/Sydney"));
        for (int run = 0; run < 200; run++) {
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            List<Layer> layers = new ArrayList<>();
            int layerCount = 1 + random.nextInt(3);
            for (int l = 0; l < layerCount; l++) {
                List<String> people = new ArrayList<>();
                for (int p = 0; p <= random.nextInt(4); p++) {
                    people.add("p" + random.nextInt(6));
                }
                ShiftLength length = random.nextBoolean() ? new ShiftLength.Days(1 + random.nextInt(8))
                        : new ShiftLength.Hours(1 + random.nextInt(30));
                List<Restriction> restrictions = new ArrayList<>();
                if (random.nextInt(3) == 0) {
                    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                    days.add(DayOfWeek.of(1 + random.nextInt(7)));
                    days.add(DayOfWeek.of(1 + random.nextInt(7)));
                    restrictions.add(new Restriction(days, LocalTime.of(random.nextInt(24), 30 * random.nextInt(2)),
                            LocalTime.of(random.nextInt(24), 0)));
                }
                LocalDateTime start = LocalDateTime.of(2026, 1 + random.nextInt(11), 1 + random.nextInt(28),
                        random.nextInt(24), 15 * random.nextInt(4));
                layers.add(new Layer("l" + l, people, start, length, restrictions));
            }
            Schedule s = new Schedule("s", "s", "t", zone, layers, List.of(), 0);
            Instant from = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(random.nextInt(24 * 330)));
            Instant to = from.plus(Duration.ofHours(1 + random.nextInt(24 * 40)));
            if (random.nextBoolean()) {
                Instant coverFrom = from.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 10)));
                s = s.withOverride(new ScheduleOverride("cover", coverFrom, coverFrom.plus(Duration.ofMinutes(1 + random.nextInt(60 * 30)))));
            }

            List<Shift> shifts = OnCall.timeline(s, from, to);
            List<Gap> gaps = OnCall.gaps(s, from, to);
            Duration covered = shifts.stream().map(x -> Duration.between(x.from(), x.to())).reduce(Duration.ZERO, Duration::plus)
                    .plus(gaps.stream().map(Gap::length).reduce(Duration.ZERO, Duration::plus));
            assertThat(covered).as("run %d tiles the interval", run).isEqualTo(Duration.between(from, to));
            for (int i = 0; i + 1 < shifts.size(); i++) {
                Shift a = shifts.get(i);
                Shift b = shifts.get(i + 1);
                assertThat(a.to().equals(b.from()) && a.personId().equals(b.personId())).as("run %d merged", run).isFalse();
            }
            for (int sample = 0; sample < 50; sample++) {
                Instant t = from.plusSeconds((long) (random.nextDouble() * Duration.between(from, to).toSeconds()));
                Optional<String> expected = shifts.stream()
                        .filter(x -> !t.isBefore(x.from()) && t.isBefore(x.to())).map(Shift::personId).findFirst();
                assertThat(OnCall.onCall(s, t)).as("run %d at %s", run, t).isEqualTo(expected);
            }
        }
    }
}
