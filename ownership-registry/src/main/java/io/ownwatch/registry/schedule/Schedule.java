package io.ownwatch.registry.schedule;

import java.time.ZoneId;
import java.util.List;

import io.ownwatch.registry.Slug;

/**
 * An on-call schedule of one team: layers in order, the LAST being the highest (a higher layer wins
 * wherever it has someone on call), and overrides that beat every layer (a later override beats an
 * earlier one where they overlap).
 *
 * @param version optimistic-lock version, 0 for a new schedule
 */
public record Schedule(String id, String name, String teamId, ZoneId timeZone, List<Layer> layers,
        List<ScheduleOverride> overrides, long version) {

    public Schedule {
        Slug.require(id, "schedule id");
        if (name == null || name.isBlank()) {
            throw new InvalidSchedule("name", "must not be blank");
        }
        if (teamId == null || teamId.isBlank()) {
            throw new InvalidSchedule("teamId", "must name a team");
        }
        if (timeZone == null) {
            throw new InvalidSchedule("timeZone", "is required");
        }
        if (layers == null || layers.isEmpty()) {
            throw new InvalidSchedule("layers", "must contain at least one layer");
        }
        layers = List.copyOf(layers);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /** The same schedule with one more override, which wins over the earlier ones. */
    public Schedule withOverride(ScheduleOverride override) {
        var all = new java.util.ArrayList<>(overrides);
        all.add(override);
        return new Schedule(id, name, teamId, timeZone, layers, all, version);
    }

    /** Parses an IANA zone id such as {@code Europe/Berlin}, naming the field when it is unknown. */
    public static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            throw new InvalidSchedule("timeZone", "unknown time zone '" + id + "'");
        }
    }
}
