package io.ownwatch.registry.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A window of local time during which a layer applies: it opens on each of {@code days} at
 * {@code from} and closes at {@code to} the same day, or the next day when {@code to} is not after
 * {@code from} (so 22:00–06:00 crosses midnight and 09:00–09:00 lasts a whole day).
 * "Weekdays 09:00–17:00" is {@code days = MONDAY..FRIDAY, from = 09:00, to = 17:00}.
 */
public record Restriction(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public Restriction {
        if (days == null || days.isEmpty()) {
            throw new InvalidSchedule("restrictions.days", "must name at least one day");
        }
        if (from == null || to == null) {
            throw new InvalidSchedule("restrictions", "needs both from and to");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** A window that opens every day. */
    public static Restriction daily(LocalTime from, LocalTime to) {
        return new Restriction(EnumSet.allOf(DayOfWeek.class), from, to);
    }

    boolean crossesMidnight() {
        return !to.isAfter(from);
    }

    /** Opening instant of the window that opens on this local date (the caller checks the day). */
    Instant opens(LocalDate date, ZoneId zone) {
        return ZonedDateTime.of(date, from, zone).toInstant();
    }

    Instant closes(LocalDate openingDate, ZoneId zone) {
        return ZonedDateTime.of(crossesMidnight() ? openingDate.plusDays(1) : openingDate, to, zone).toInstant();
    }

    /** Whether the instant lies in a window that opened on its local date or on the day before. */
    boolean contains(Instant at, ZoneId zone) {
        LocalDate today = at.atZone(zone).toLocalDate();
        for (LocalDate opening : new LocalDate[] {today.minusDays(1), today}) {
            if (days.contains(opening.getDayOfWeek())
                    && !at.isBefore(opens(opening, zone)) && at.isBefore(closes(opening, zone))) {
                return true;
            }
        }
        return false;
    }
}
