package io.ownwatch.registry.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;

/**
 * How long one participant's shift lasts. Calendar shifts count days on the wall clock, so a 09:00
 * hand-off stays 09:00 across a daylight-saving change; hourly shifts count elapsed hours.
 */
public sealed interface ShiftLength permits ShiftLength.Days, ShiftLength.Hours {

    /** The ISO-8601 form used on the wire: {@code P7D}, {@code P1W}, {@code PT12H}. */
    String iso();

    /** The instant shift {@code k} starts, shift 0 starting at {@code start} (local time in {@code zone}). */
    Instant handOff(LocalDateTime start, ZoneId zone, long k);

    /** A guess, possibly one off around a DST change, of the shift running at {@code at} (not before the start). */
    long estimateIndex(LocalDateTime start, ZoneId zone, Instant at);

    /** Shifts of whole calendar days (a week is seven days). */
    record Days(int days) implements ShiftLength {
        public Days {
            if (days <= 0) {
                throw new InvalidSchedule("shiftLength", "must be longer than zero");
            }
        }

        @Override
        public String iso() {
            return "P" + days + "D";
        }

        /**
         * Days are added on the local date-time, then placed in the zone, so hand-offs keep their
         * wall-clock time across DST; one inside a spring-forward gap moves forward by the gap, as the clock does.
         */
        @Override
        public Instant handOff(LocalDateTime start, ZoneId zone, long k) {
            return ZonedDateTime.of(start.plusDays(k * days), zone).toInstant();
        }

        @Override
        public long estimateIndex(LocalDateTime start, ZoneId zone, Instant at) {
            return ChronoUnit.DAYS.between(start, LocalDateTime.ofInstant(at, zone)) / days;
        }
    }

    /** Shifts of whole elapsed hours. */
    record Hours(int hours) implements ShiftLength {
        public Hours {
            if (hours <= 0) {
                throw new InvalidSchedule("shiftLength", "must be longer than zero");
            }
        }

        @Override
        public String iso() {
            return "PT" + hours + "H";
        }

        /** Hours are elapsed time: a 12-hour shift lasts 12 hours even on the night the clocks change. */
        @Override
        public Instant handOff(LocalDateTime start, ZoneId zone, long k) {
            return ZonedDateTime.of(start, zone).toInstant().plus(Duration.ofHours(k * hours));
        }

        @Override
        public long estimateIndex(LocalDateTime start, ZoneId zone, Instant at) {
            return Duration.between(ZonedDateTime.of(start, zone).toInstant(), at).toHours() / hours;
        }
    }

    /**
     * Parses {@code P<n>D}, {@code P<n>W} (a {@link Period} of days or weeks) or {@code PT<n>H} (a
     * {@link Duration} of whole hours); anything else, including zero or negative lengths, is refused.
     */
    static ShiftLength parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidSchedule("shiftLength", "must be an ISO-8601 period such as P1D, P1W or PT12H");
        }
        try {
            if (text.toUpperCase().startsWith("PT")) {
                Duration duration = Duration.parse(text);
                if (duration.isNegative() || duration.isZero()) {
                    throw new InvalidSchedule("shiftLength", "must be longer than zero but was " + text);
                }
                if (duration.toSecondsPart() != 0 || duration.toMinutesPart() != 0) {
                    throw new InvalidSchedule("shiftLength", "must be whole hours but was " + text);
                }
                return new Hours(Math.toIntExact(duration.toHours()));
            }
            Period period = Period.parse(text);
            if (period.getYears() != 0 || period.getMonths() != 0) {
                throw new InvalidSchedule("shiftLength", "must be days or weeks, not months or years, but was " + text);
            }
            if (period.getDays() <= 0) {
                throw new InvalidSchedule("shiftLength", "must be longer than zero but was " + text);
            }
            return new Days(period.getDays());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidSchedule("shiftLength", "must be an ISO-8601 period such as P1D, P1W or PT12H but was " + text);
        }
    }
}
