package io.ownwatch.registry.schedule.web;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.ownwatch.registry.Slug;
import io.ownwatch.registry.schedule.InvalidSchedule;
import io.ownwatch.registry.schedule.Layer;
import io.ownwatch.registry.schedule.Restriction;
import io.ownwatch.registry.schedule.Schedule;
import io.ownwatch.registry.schedule.ScheduleOverride;
import io.ownwatch.registry.schedule.ShiftLength;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A schedule as JSON, the same shape in requests and answers: the domain's fields with the zone and
 * the shift length as strings ({@code "Europe/Berlin"}, {@code "P1W"}, {@code "PT12H"}).
 *
 * @param version ignored on create; on PUT the version the change was based on (409 when stale)
 */
record ScheduleJson(
        @NotBlank @Pattern(regexp = Slug.PATTERN, message = SLUG) String id,
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = Slug.PATTERN, message = SLUG) String teamId,
        @NotBlank String timeZone,
        @NotEmpty(message = "must contain at least one layer") @Size(max = 20) List<@NotNull @Valid LayerJson> layers,
        @Size(max = 500) List<@NotNull @Valid OverrideJson> overrides,
        Long version) {

    static final String SLUG = "must be a slug: lower-case letters, digits and '-', at most 63 characters";

    /** One layer; the last layer of the list is the highest. */
    record LayerJson(@Size(max = 100) String name,
            @Size(max = 100) List<@NotBlank String> participants,
            @NotNull LocalDateTime rotationStart,
            @NotBlank String shiftLength,
            @Size(max = 20) List<@NotNull @Valid RestrictionJson> restrictions) {
    }

    /** A window of local time: opens on each of {@code days} at {@code from}, closes at {@code to} (next day if not after from). */
    record RestrictionJson(@NotEmpty Set<@NotNull DayOfWeek> days, @NotNull LocalTime from, @NotNull LocalTime to) {
    }

    /** A person covering [from, to). */
    record OverrideJson(@NotBlank String personId, @NotNull Instant from, @NotNull Instant to) {

        ScheduleOverride toOverride(String prefix) {
            try {
                return new ScheduleOverride(personId, from, to);
            } catch (InvalidSchedule e) {
                throw e.under(prefix);
            }
        }
    }

    static ScheduleJson of(Schedule schedule) {
        return new ScheduleJson(schedule.id(), schedule.name(), schedule.teamId(), schedule.timeZone().getId(),
                schedule.layers().stream().map(l -> new LayerJson(l.name(), l.participants(), l.rotationStart(),
                        l.shiftLength().iso(), l.restrictions().stream()
                                .map(r -> new RestrictionJson(r.days(), r.from(), r.to())).toList())).toList(),
                schedule.overrides().stream().map(o -> new OverrideJson(o.personId(), o.from(), o.to())).toList(),
                schedule.version());
    }

    /** The domain schedule; a rule it breaks is reported with the JSON path of the field. */
    Schedule toSchedule() {
        List<Layer> domainLayers = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerJson layer = layers.get(i);
            String prefix = "layers[" + i + "].";
            try {
                List<Restriction> restrictions = layer.restrictions() == null ? List.of()
                        : layer.restrictions().stream().map(r -> new Restriction(r.days(), r.from(), r.to())).toList();
                domainLayers.add(new Layer(layer.name(), layer.participants() == null ? List.of() : layer.participants(),
                        layer.rotationStart(), ShiftLength.parse(layer.shiftLength()), restrictions));
            } catch (InvalidSchedule e) {
                throw e.under(prefix);
            }
        }
        List<ScheduleOverride> domainOverrides = new ArrayList<>();
        if (overrides != null) {
            for (int i = 0; i < overrides.size(); i++) {
                domainOverrides.add(overrides.get(i).toOverride("overrides[" + i + "]."));
            }
        }
        return new Schedule(id, name, teamId, Schedule.zone(timeZone), domainLayers, domainOverrides,
                version == null ? 0 : version);
    }
}
