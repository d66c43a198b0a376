package io.ownwatch.registry.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OnCallTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final EnumSet<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private static Layer layer(String start, ShiftLength length, List<Restriction> restrictions, String... people) {
        return new Layer("layer", List.of(people), LocalDateTime.parse(start), length, restrictions);
    }

    private static Layer daily(String start, String... people) {
        return layer(start, new ShiftLength.Days(1), List.of(), people);
    }

    private static Schedule schedule(ZoneId zone, Layer... layers) {
        return new Schedule("primary", "Primary", "payments", zone, List.of(layers), List.of(), 0);
    }

    private static Instant at(String localDateTime, ZoneId zone) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), zone).toInstant();
    }

    private static Optional<String> who(Schedule schedule, String instant) {
        return OnCall.onCall(schedule, Instant.parse(instant));
    }

    @Nested
    class DaylightSaving {

        @Test
        void dailyHandOffStaysAtNineInBerlinAfterSpringForward() {
            // Europe/Berlin jumps from 02:00 CET to 03:00 CEST on 2026-03-29.
            Schedule s = schedule(BERLIN, daily("2026-03-27T09:00", "alice", "bob", "carol"));
            assertThat(who(s, "2026-03-28T07:59:59Z")).contains("alice");
            assertThat(who(s, "2026-03-28T08:00:00Z")).contains("bob"); // 09:00 CET
            assertThat(who(s, "2026-03-29T06:59:59Z")).contains("bob");
            assertThat(who(s, "2026-03-29T07:00:00Z")).contains("carol"); // 09:00 CEST
            assertThat(who(s, "2026-03-30T07:00:00Z")).contains("alice");
            List<Shift> shifts = OnCall.timeline(s, Instant.parse("2026-03-28T08:00:00Z"), Instant.parse("2026-03-29T07:00:00Z"));
            assertThat(shifts).containsExactly(new Shift("bob", Instant.parse("2026-03-28T08:00:00Z"), Instant.parse("2026-03-29T07:00:00Z")));
            assertThat(Duration.between(shifts.get(0).from(), shifts.get(0).to())).isEqualTo(Duration.ofHours(23));
        }

        @Test
        void dailyHandOffStaysAtNineInBerlinAfterFallBack() {
            // Europe/Berlin falls back from 03:00 CEST to 02:00 CET on 2026-10-25.
            Schedule s = schedule(BERLIN, daily("2026-10-23T09:00", "alice", "bob", "carol"));
            assertThat(who(s, "2026-10-24T07:00:00Z")).contains("bob"); // 09:00 CEST
            assertThat(who(s, "2026-10-25T07:59:59Z")).contains("bob");
            assertThat(who(s, "2026-10-25T08:00:00Z")).contains("carol"); // 09:00 CET
            List<Shift> shifts = OnCall.timeline(s, Instant.parse("2026-10-24T00:00:00Z"), Instant.parse("2026-10-26T00:00:00Z"));
            Shift bob = shifts.stream().filter(x -> x.personId().equals("bob")).findFirst().orElseThrow();
            assertThat(Duration.between(bob.from(), bob.to())).isEqualTo(Duration.ofHours(25));
        }

        @Test
        void dailyHandOffStaysAtNineInNewYorkAfterSpringForward() {
            // America/New_York jumps from 02:00 EST to 03:00 EDT on 2026-03-08.
            Schedule s = schedule(NEW_YORK, daily("2026-03-06T09:00", "alice", "bob"));
            assertThat(who(s, "2026-03-07T14:00:00Z")).contains("bob"); // 09:00 EST
            assertThat(who(s, "2026-03-08T12:59:59Z")).contains("bob");
            assertThat(who(s, "2026-03-08T13:00:00Z")).contains("alice"); // 09:00 EDT
            assertThat(who(s, "2026-03-09T13:00:00Z")).contains("bob");
        }

        @Test
        void dailyHandOffStaysAtNineInNewYorkAfterFallBack() {
            // America/New_York falls back from 02:00 EDT to 01:00 EST on 2026-11-01.
            Schedule s = schedule(NEW_YORK, daily("2026-10-30T09:00", "alice", "bob"));
            assertThat(who(s, "2026-10-31T13:00:00Z")).contains("bob"); // 09:00 EDT
            assertThat(who(s, "2026-11-01T13:59:59Z")).contains("bob");
            assertThat(who(s, "2026-11-01T14:00:00Z")).contains("alice"); // 09:00 EST
        }

        @Test
        void weeklyHandOffKeepsMondayNineAcrossTheChange() {
            Schedule s = schedule(BERLIN, layer("2026-03-23T09:00", ShiftLength.parse("P1W"), List.of(), "alice", "bob"));
            assertThat(who(s, "2026-03-30T06:59:59Z")).contains("alice");
            assertThat(who(s, "2026-03-30T07:00:00Z")).contains("bob"); // Monday 09:00 CEST
            assertThat(OnCall.onCall(s, at("2026-04-06T09:00", BERLIN))).contains("alice");
            assertThat(OnCall.onCall(s, at("2026-11-02T09:00", BERLIN))).isPresent()
                    .isEqualTo(OnCall.onCall(s, at("2026-11-02T12:00", BERLIN)));
            assertThat(OnCall.onCall(s, at("2026-11-02T08:59", BERLIN))).isNotEqualTo(OnCall.onCall(s, at("2026-11-02T09:00", BERLIN)));
        }

        @Test
        void handOffInsideTheSpringForwardGapMovesForwardByTheGap() {
            Schedule s = schedule(BERLIN, daily("2026-03-27T02:30", "alice", "bob"));
            // 02:30 does not exist on 2026-03-29: the hand-off happens at 03:30 CEST (01:30Z).
            assertThat(who(s, "2026-03-29T01:29:59Z")).contains("bob");
            assertThat(who(s, "2026-03-29T01:30:00Z")).contains("alice");
            assertThat(who(s, "2026-03-30T00:30:00Z")).contains("bob"); // back to 02:30 CEST
        }

        @Test
        void hourlyShiftsCountElapsedHoursAcrossTheChange() {
            Schedule s = schedule(BERLIN, layer("2026-03-28T20:00", ShiftLength.parse("PT12H"), List.of(), "night", "day"));
            // 20:00 CET + 12 h = 09:00 CEST: elapsed hours, not wall-clock hours.
            assertThat(who(s, "2026-03-29T06:59:59Z")).contains("night");
            assertThat(who(s, "2026-03-29T07:00:00Z")).contains("day");
            assertThat(who(s, "2026-03-29T19:00:00Z")).contains("night");
        }

        @Test
        void multiDayShiftsCountCalendarDays() {
            Schedule s = schedule(NEW_YORK, layer("2026-03-05T09:00", ShiftLength.parse("P3D"), List.of(), "alice", "bob"));
            assertThat(OnCall.onCall(s, at("2026-03-08T08:59", NEW_YORK))).contains("alice");
            assertThat(OnCall.onCall(s, at("2026-03-08T09:00", NEW_YORK))).contains("bob");
            assertThat(OnCall.onCall(s, at("2026-03-11T09:00", NEW_YORK))).contains("alice");
        }
    }

    @Nested
    class Restrictions {

        private final Layer office = layer("2026-01-05T09:00", ShiftLength.parse("P1W"),
                List.of(new Restriction(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0))), "alice", "bob");

        @Test
        void appliesOnlyInsideWeekdayOfficeHours() {
            Schedule s = schedule(BERLIN, office);
            assertThat(OnCall.onCall(s, at("2026-01-09T16:59", BERLIN))).contains("alice"); // Friday
            assertThat(OnCall.onCall(s, at("2026-01-09T17:00", BERLIN))).isEmpty();
            assertThat(OnCall.onCall(s, at("2026-01-10T12:00", BERLIN))).isEmpty(); // Saturday
            assertThat(OnCall.onCall(s, at("2026-01-12T08:59", BERLIN))).isEmpty();
            assertThat(OnCall.onCall(s, at("2026-01-12T09:00", BERLIN))).contains("bob");
        }

        @Test
        void windowAcrossMidnightBelongsToTheDayItOpens() {
            Layer nights = layer("2026-01-01T00:00", ShiftLength.parse("P7D"),
                    List.of(new Restriction(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0))), "owl");
            Schedule s = schedule(NEW_YORK, nights);
            assertThat(OnCall.onCall(s, at("2026-01-09T21:59", NEW_YORK))).isEmpty(); // Friday
            assertThat(OnCall.onCall(s, at("2026-01-09T22:00", NEW_YORK))).contains("owl");
            assertThat(OnCall.onCall(s, at("2026-01-10T05:59", NEW_YORK))).contains("owl"); // Saturday morning
            assertThat(OnCall.onCall(s, at("2026-01-10T06:00", NEW_YORK))).isEmpty();
            assertThat(OnCall.onCall(s, at("2026-01-10T23:00", NEW_YORK))).isEmpty(); // Saturday night
        }

        @Test
        void dailyNightWindowAcrossSpringForwardIsAnHourShorter() {
            Layer nights = layer("2026-03-01T22:00", ShiftLength.parse("P1D"),
                    List.of(Restriction.daily(LocalTime.of(22, 0), LocalTime.of(6, 0))), "owl", "lark");
            Schedule s = schedule(BERLIN, nights);
            List<Shift> shifts = OnCall.timeline(s, at("2026-03-28T12:00", BERLIN), at("2026-03-29T12:00", BERLIN));
            assertThat(shifts).hasSize(1);
            assertThat(shifts.get(0).from()).isEqualTo(Instant.parse("2026-03-28T21:00:00Z"));
            assertThat(shifts.get(0).to()).isEqualTo(Instant.parse("2026-03-29T04:00:00Z"));
            assertThat(Duration.between(shifts.get(0).from(), shifts.get(0).to())).isEqualTo(Duration.ofHours(7));
        }

        @Test
        void gapsAreTheHoursOutsideTheWindows() {
            Schedule s = schedule(BERLIN, office);
            List<Gap> gaps = OnCall.gaps(s, at("2026-01-09T12:00", BERLIN), at("2026-01-12T12:00", BERLIN));
            assertThat(gaps).containsExactly(new Gap(at("2026-01-09T17:00", BERLIN), at("2026-01-12T09:00", BERLIN)));
        }
    }

    @Nested
    class LayersAndOverrides {

        private final Layer base = layer("2026-01-05T09:00", ShiftLength.parse("P1W"), List.of(), "alice", "bob");
        private final Layer dayTime = layer("2026-01-05T09:00", ShiftLength.parse("P1D"),
                List.of(new Restriction(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0))), "carol");

        @Test
        void higherLayerWinsWhereItHasSomeone() {
            Schedule s = schedule(BERLIN, base, dayTime);
            assertThat(OnCall.onCall(s, at("2026-01-07T10:00", BERLIN))).contains("carol"); // Wednesday
            assertThat(OnCall.onCall(s, at("2026-01-07T18:00", BERLIN))).contains("alice");
            assertThat(OnCall.onCall(s, at("2026-01-10T10:00", BERLIN))).contains("alice"); // Saturday
            assertThat(OnCall.onCall(s, at("2026-01-14T18:00", BERLIN))).contains("bob");
        }

        @Test
        void lowerLayerAloneWhenLayersAreSwapped() {
            Schedule s = schedule(BERLIN, dayTime, base);
            assertThat(OnCall.onCall(s, at("2026-01-07T10:00", BERLIN))).contains("alice");
        }

        @Test
        void overrideBeatsEveryLayerAcrossAHandOff() {
            Schedule s = schedule(BERLIN, daily("2026-01-05T09:00", "alice", "bob"))
                    .withOverride(new ScheduleOverride("dave", at("2026-01-05T20:00", BERLIN), at("2026-01-06T12:00", BERLIN)));
            assertThat(OnCall.onCall(s, at("2026-01-06T08:00", BERLIN))).contains("dave");
            assertThat(OnCall.onCall(s, at("2026-01-06T10:00", BERLIN))).contains("dave");
            assertThat(OnCall.onCall(s, at("2026-01-06T12:00", BERLIN))).contains("bob");
            assertThat(OnCall.timeline(s, at("2026-01-05T09:00", BERLIN), at("2026-01-06T18:00", BERLIN))).containsExactly(
                    new Shift("alice", at("2026-01-05T09:00", BERLIN), at("2026-01-05T20:00", BERLIN)),
                    new Shift("dave", at("2026-01-05T20:00", BERLIN), at("2026-01-06T12:00", BERLIN)),
                    new Shift("bob", at("2026-01-06T12:00", BERLIN), at("2026-01-06T18:00", BERLIN)));
        }

        @Test
        void laterOverrideBeatsAnEarlierOne() {
            Schedule s = schedule(BERLIN, base)
                    .withOverride(new ScheduleOverride("dave", at("2026-01-06T00:00", BERLIN), at("2026-01-07T00:00", BERLIN)))
                    .withOverride(new ScheduleOverride("erin", at("2026-01-06T10:00", BERLIN), at("2026-01-06T11:00", BERLIN)));
            assertThat(OnCall.onCall(s, at("2026-01-06T09:59", BERLIN))).contains("dave");
            assertThat(OnCall.onCall(s, at("2026-01-06T10:30", BERLIN))).contains("erin");
            assertThat(OnCall.onCall(s, at("2026-01-06T11:00", BERLIN))).contains("dave");
        }

        @Test
        void overrideFillsAGap() {
            Schedule s = schedule(BERLIN, layer("2026-01-05T09:00", ShiftLength.parse("P1D"),
                    List.of(Restriction.daily(LocalTime.of(9, 0), LocalTime.of(17, 0))), "alice"))
                    .withOverride(new ScheduleOverride("bob", at("2026-01-05T17:00", BERLIN), at("2026-01-06T09:00", BERLIN)));
            assertThat(OnCall.gaps(s, at("2026-01-05T09:00", BERLIN), at("2026-01-06T17:00", BERLIN))).isEmpty();
        }

        @Test
        void nobodyBeforeTheRotationStarts() {
            Schedule s = schedule(BERLIN, daily("2026-01-05T09:00", "alice"));
            assertThat(OnCall.onCall(s, at("2026-01-05T08:59", BERLIN))).isEmpty();
            assertThat(OnCall.gaps(s, at("2026-01-04T09:00", BERLIN), at("2026-01-06T09:00", BERLIN)))
                    .containsExactly(new Gap(at("2026-01-04T09:00", BERLIN), at("2026-01-05T09:00", BERLIN)));
        }

        @Test
        void timelineMergesConsecutiveShiftsOfOnePerson() {
            Schedule s = schedule(BERLIN, daily("2026-01-05T09:00", "alice"));
            assertThat(OnCall.timeline(s, at("2026-01-06T00:00", BERLIN), at("2026-01-20T00:00", BERLIN)))
                    .containsExactly(new Shift("alice", at("2026-01-06T00:00", BERLIN), at("2026-01-20T00:00", BERLIN)));
        }
    }

    @Nested
    class Validation {

        @Test
        void parsesDaysWeeksAndHours() {
            assertThat(ShiftLength.parse("P1D")).isEqualTo(new ShiftLength.Days(1));
            assertThat(ShiftLength.parse("P2W")).isEqualTo(new ShiftLength.Days(14));
            assertThat(ShiftLength.parse("PT12H")).isEqualTo(new ShiftLength.Hours(12));
            assertThat(ShiftLength.parse("P1W").iso()).isEqualTo("P7D");
        }

        @Test
        void refusesShiftLengthsThatAreNotPositiveWholeDaysOrHours() {
            for (String bad : List.of("P0D", "PT0H", "-P1D", "PT-3H", "P1M", "PT90M", "nonsense", "")) {
                assertThatThrownBy(() -> ShiftLength.parse(bad)).as(bad)
                        .isInstanceOfSatisfying(InvalidSchedule.class, e -> assertThat(e.field()).isEqualTo("shiftLength"));
            }
        }

        @Test
        void namesTheFieldOfAnUnknownZoneOrEmptyParticipants() {
            assertThatThrownBy(() -> Schedule.zone("Mars/Olympus_Mons"))
                    .isInstanceOfSatisfying(InvalidSchedule.class, e -> assertThat(e.field()).isEqualTo("timeZone"));
            assertThatThrownBy(() -> layer("2026-01-01T09:00", new ShiftLength.Days(1), List.of()))
                    .isInstanceOfSatisfying(InvalidSchedule.class, e -> assertThat(e.field()).isEqualTo("participants"));
            assertThatThrownBy(() -> new ScheduleOverride("bob", Instant.EPOCH, Instant.EPOCH))
                    .isInstanceOfSatisfying(InvalidSchedule.class, e -> assertThat(e.field()).isEqualTo("to"));
        }
    }
}
