package io.ownwatch.registry.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One rotation: participants take turns in order, each for one shift, starting at
 * {@code rotationStart} (local time in the schedule's zone, which is also the hand-off time of day),
 * and only inside the restriction windows when there are any.
 */
public record Layer(String name, List<String> participants, LocalDateTime rotationStart, ShiftLength shiftLength,
        List<Restriction> restrictions) {

    public Layer {
        if (participants == null || participants.isEmpty()) {
            throw new InvalidSchedule("participants", "must name at least one person");
        }
        if (participants.stream().anyMatch(p -> p == null || p.isBlank())) {
            throw new InvalidSchedule("participants", "must not contain blank ids");
        }
        if (rotationStart == null) {
            throw new InvalidSchedule("rotationStart", "is required");
        }
        if (shiftLength == null) {
            throw new InvalidSchedule("shiftLength", "is required");
        }
        name = name == null || name.isBlank() ? "layer" : name;
        participants = List.copyOf(participants);
        restrictions = restrictions == null ? List.of() : List.copyOf(restrictions);
    }

    /** The instant shift {@code k} starts (shift 0 starts at the rotation start). */
    Instant handOff(long k, ZoneId zone) {
        return shiftLength.handOff(rotationStart, zone, k);
    }

    Instant start(ZoneId zone) {
        return ZonedDateTime.of(rotationStart, zone).toInstant();
    }

    /** The number of the shift running at the instant, or -1 before the rotation starts. */
    long shiftIndex(Instant at, ZoneId zone) {
        if (at.isBefore(start(zone))) {
            return -1;
        }
        long k = Math.max(0, shiftLength.estimateIndex(rotationStart, zone, at));
        // The estimate can be one off around a DST change; walk to the shift that really contains the instant.
        while (k > 0 && handOff(k, zone).isAfter(at)) {
            k--;
        }
        while (!handOff(k + 1, zone).isAfter(at)) {
            k++;
        }
        return k;
    }

    /** Who this layer puts on call at the instant, ignoring other layers and overrides. */
    Optional<String> onCall(Instant at, ZoneId zone) {
        long k = shiftIndex(at, zone);
        if (k < 0) {
            return Optional.empty();
        }
        if (!restrictions.isEmpty() && restrictions.stream().noneMatch(r -> r.contains(at, zone))) {
            return Optional.empty();
        }
        return Optional.of(participants.get((int) (k % participants.size())));
    }
}
