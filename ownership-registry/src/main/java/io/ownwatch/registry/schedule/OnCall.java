package io.ownwatch.registry.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who is on call, computed from a schedule alone: no clock, no storage, so every case is a plain test.
 * The answer only changes at a hand-off, at a restriction window's edge or at an override's edge, so
 * a timeline is those boundaries with one lookup per segment between them.
 */
public final class OnCall {

    private OnCall() {
    }

    /** The person on call at the instant, or empty when nobody is. */
    public static Optional<String> onCall(Schedule schedule, Instant at) {
        List<ScheduleOverride> overrides = schedule.overrides();
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (overrides.get(i).covers(at)) {
                return Optional.of(overrides.get(i).personId());
            }
        }
        List<Layer> layers = schedule.layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Optional<String> person = layers.get(i).onCall(at, schedule.timeZone());
            if (person.isPresent()) {
                return person;
            }
        }
        return Optional.empty();
    }

    /** The shifts overlapping [from, to), clipped to it, adjacent shifts of one person merged; gaps are left out. */
    public static List<Shift> timeline(Schedule schedule, Instant from, Instant to) {
        List<Shift> shifts = new ArrayList<>();
        List<Instant> points = boundaries(schedule, from, to);
        for (int i = 0; i + 1 < points.size(); i++) {
            Instant start = points.get(i);
            Instant end = points.get(i + 1);
            Optional<String> person = onCall(schedule, start);
            if (person.isEmpty()) {
                continue;
            }
            Shift last = shifts.isEmpty() ? null : shifts.get(shifts.size() - 1);
            if (last != null && last.personId().equals(person.get()) && last.to().equals(start)) {
                shifts.set(shifts.size() - 1, new Shift(last.personId(), last.from(), end));
            } else {
                shifts.add(new Shift(person.get(), start, end));
            }
        }
        return shifts;
    }

    /** The times in [from, to) when nobody is on call, merged. */
    public static List<Gap> gaps(Schedule schedule, Instant from, Instant to) {
        List<Gap> gaps = new ArrayList<>();
        Instant cursor = from;
        for (Shift shift : timeline(schedule, from, to)) {
            if (shift.from().isAfter(cursor)) {
                gaps.add(new Gap(cursor, shift.from()));
            }
            cursor = shift.to();
        }
        if (cursor.isBefore(to)) {
            gaps.add(new Gap(cursor, to));
        }
        return gaps;
    }

    /** from, to and every instant strictly between them at which the answer may change, in order. */
    private static List<Instant> boundaries(Schedule schedule, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return List.of();
        }
        ZoneId zone = schedule.timeZone();
        TreeSet<Instant> points = new TreeSet<>();
        points.add(from);
        points.add(to);
        for (Layer layer : schedule.layers()) {
            long first = Math.max(0, layer.shiftIndex(from, zone));
            long last = layer.shiftIndex(to, zone);
            for (long k = first; k <= last + 1 && last >= 0; k++) {
                points.add(layer.handOff(k, zone));
            }
            points.add(layer.start(zone));
            LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
            LocalDate lastDay = to.atZone(zone).toLocalDate();
            for (; !day.isAfter(lastDay); day = day.plusDays(1)) {
                for (Restriction restriction : layer.restrictions()) {
                    if (restriction.days().contains(day.getDayOfWeek())) {
                        points.add(restriction.opens(day, zone));
                        points.add(restriction.closes(day, zone));
                    }
                }
            }
        }
        for (ScheduleOverride override : schedule.overrides()) {
            points.add(override.from());
            points.add(override.to());
        }
        return new ArrayList<>(points.subSet(from, true, to, true));
    }
}
