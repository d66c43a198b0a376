package io.ownwatch.registry.schedule;

import java.time.Instant;

/** A person covers the schedule during [from, to), whatever the layers say. */
public record ScheduleOverride(String personId, Instant from, Instant to) {

    public ScheduleOverride {
        if (personId == null || personId.isBlank()) {
            throw new InvalidSchedule("personId", "must name a person");
        }
        if (from == null || to == null) {
            throw new InvalidSchedule("from", "an override needs from and to");
        }
        if (!to.isAfter(from)) {
            throw new InvalidSchedule("to", "must be after from");
        }
    }

    boolean covers(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
