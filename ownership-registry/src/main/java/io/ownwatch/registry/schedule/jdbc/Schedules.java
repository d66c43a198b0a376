package io.ownwatch.registry.schedule.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.ownwatch.registry.ItemPage;
import io.ownwatch.registry.schedule.Layer;
import io.ownwatch.registry.schedule.Restriction;
import io.ownwatch.registry.schedule.Schedule;
import io.ownwatch.registry.schedule.ScheduleAlreadyExists;
import io.ownwatch.registry.schedule.ScheduleInUse;
import io.ownwatch.registry.schedule.ScheduleNotFound;
import io.ownwatch.registry.schedule.ScheduleOverride;
import io.ownwatch.registry.schedule.ShiftLength;
import io.ownwatch.registry.schedule.StaleVersion;
import io.ownwatch.registry.schedule.UnknownReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All on-call schedules, stored in {@code schedule} and its child tables. */
@Repository
public class Schedules {

    private final JdbcClient jdbc;

    Schedules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a schedule with its layers and overrides.
     *
     * @throws UnknownReference       if the team or a person does not exist (naming the field)
     * @throws ScheduleAlreadyExists  if the id is taken
     */
    @Transactional
    public Schedule add(Schedule schedule) {
        requireReferences(schedule);
        int inserted = jdbc.sql("""
                        INSERT INTO schedule (id, name, team_id, time_zone) VALUES (:id, :name, :teamId, :zone)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", schedule.id())
                .param("name", schedule.name())
                .param("teamId", schedule.teamId())
                .param("zone", schedule.timeZone().getId())
                .update();
        if (inserted == 0) {
            throw new ScheduleAlreadyExists(schedule.id());
        }
        insertChildren(schedule);
        return find(schedule.id()).orElseThrow();
    }

    /**
     * Replaces a schedule if it is still at {@code expectedVersion}.
     *
     * @throws ScheduleNotFound if it does not exist
     * @throws StaleVersion     if someone changed it meanwhile
     */
    @Transactional
    public Schedule replace(Schedule schedule, long expectedVersion) {
        requireReferences(schedule);
        int updated = jdbc.sql("""
                        UPDATE schedule SET name = :name, team_id = :teamId, time_zone = :zone,
                            version = version + 1, updated_at = now()
                        WHERE id = :id AND version = :version""")
                .param("id", schedule.id())
                .param("name", schedule.name())
                .param("teamId", schedule.teamId())
                .param("zone", schedule.timeZone().getId())
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw find(schedule.id()).isPresent() ? new StaleVersion("schedule", schedule.id(), expectedVersion)
                    : new ScheduleNotFound(schedule.id());
        }
        jdbc.sql("DELETE FROM schedule_layer WHERE schedule_id = :id").param("id", schedule.id()).update();
        jdbc.sql("DELETE FROM schedule_override WHERE schedule_id = :id").param("id", schedule.id()).update();
        insertChildren(schedule);
        return find(schedule.id()).orElseThrow();
    }

    /** Appends an override, which wins over the earlier ones, and bumps the schedule's version. */
    @Transactional
    public Schedule addOverride(String scheduleId, ScheduleOverride override) {
        int updated = jdbc.sql("UPDATE schedule SET version = version + 1, updated_at = now() WHERE id = :id")
                .param("id", scheduleId)
                .update();
        if (updated == 0) {
            throw new ScheduleNotFound(scheduleId);
        }
        requirePerson(override.personId(), "personId");
        int position = jdbc.sql("SELECT coalesce(max(position) + 1, 0) FROM schedule_override WHERE schedule_id = :id")
                .param("id", scheduleId)
                .query(Integer.class)
                .single();
        insertOverride(scheduleId, position, override);
        return find(scheduleId).orElseThrow();
    }

    /**
     * Deletes a schedule; deleting a missing one changes nothing.
     *
     * @throws ScheduleInUse if an escalation policy targets it
     */
    @Transactional
    public boolean delete(String id) {
        // The lock keeps a policy from starting to target the schedule between this check and the delete.
        jdbc.sql("SELECT 1 FROM schedule WHERE id = :id FOR UPDATE").param("id", id).query(Integer.class).optional();
        List<String> policies = jdbc.sql("SELECT DISTINCT policy_id FROM escalation_target WHERE schedule_id = :id ORDER BY policy_id")
                .param("id", id)
                .query(String.class)
                .list();
        if (!policies.isEmpty()) {
            throw new ScheduleInUse(id, policies);
        }
        return jdbc.sql("DELETE FROM schedule WHERE id = :id").param("id", id).update() == 1;
    }

    @Transactional(readOnly = true)
    public Optional<Schedule> find(String id) {
        return jdbc.sql("SELECT id, name, team_id, time_zone, version FROM schedule WHERE id = :id")
                .param("id", id)
                .query(Head::of)
                .optional()
                .map(this::assemble);
    }

    /** Schedules ordered by id. */
    @Transactional(readOnly = true)
    public ItemPage<Schedule> list(int page, int size) {
        List<Schedule> items = jdbc.sql("SELECT id, name, team_id, time_zone, version FROM schedule ORDER BY id LIMIT :limit OFFSET :offset")
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(Head::of)
                .list().stream().map(this::assemble).toList();
        long total = jdbc.sql("SELECT count(*) FROM schedule").query(Long.class).single();
        return new ItemPage<>(items, page, size, total);
    }

    /** Every schedule, ordered by id. */
    @Transactional(readOnly = true)
    public List<Schedule> all() {
        return jdbc.sql("SELECT id, name, team_id, time_zone, version FROM schedule ORDER BY id")
                .query(Head::of)
                .list().stream().map(this::assemble).toList();
    }

    /** The team's schedules ordered by id. */
    @Transactional(readOnly = true)
    public List<Schedule> ofTeam(String teamId) {
        return jdbc.sql("SELECT id, name, team_id, time_zone, version FROM schedule WHERE team_id = :teamId ORDER BY id")
                .param("teamId", teamId)
                .query(Head::of)
                .list().stream().map(this::assemble).toList();
    }

    /** The schedule's row without its children. */
    private record Head(String id, String name, String teamId, String zone, long version) {

        static Head of(ResultSet rs, int n) throws SQLException {
            return new Head(rs.getString("id"), rs.getString("name"), rs.getString("team_id"), rs.getString("time_zone"),
                    rs.getLong("version"));
        }
    }

    private record LayerRow(int position, String name, LocalDateTime rotationStart, String shiftLength) {
    }

    private record Keyed<T>(int layer, T value) {
    }

    private Schedule assemble(Head head) {
        List<LayerRow> layerRows = jdbc.sql("""
                        SELECT position, name, rotation_start, shift_length FROM schedule_layer
                        WHERE schedule_id = :id ORDER BY position""")
                .param("id", head.id())
                .query((rs, n) -> new LayerRow(rs.getInt("position"), rs.getString("name"),
                        rs.getObject("rotation_start", LocalDateTime.class), rs.getString("shift_length")))
                .list();
        Map<Integer, List<String>> participants = jdbc.sql("""
                        SELECT layer_position, person_id FROM schedule_layer_participant
                        WHERE schedule_id = :id ORDER BY layer_position, position""")
                .param("id", head.id())
                .query((rs, n) -> new Keyed<>(rs.getInt("layer_position"), rs.getString("person_id")))
                .list().stream()
                .collect(Collectors.groupingBy(Keyed::layer, TreeMap::new, Collectors.mapping(Keyed::value, Collectors.toList())));
        Map<Integer, List<Restriction>> restrictions = jdbc.sql("""
                        SELECT layer_position, array_to_string(days, ',') AS days, opens_at, closes_at
                        FROM schedule_layer_restriction WHERE schedule_id = :id ORDER BY layer_position, position""")
                .param("id", head.id())
                .query((rs, n) -> new Keyed<>(rs.getInt("layer_position"), new Restriction(
                        Arrays.stream(rs.getString("days").split(",")).map(DayOfWeek::valueOf)
                                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DayOfWeek.class))),
                        rs.getObject("opens_at", LocalTime.class), rs.getObject("closes_at", LocalTime.class))))
                .list().stream()
                .collect(Collectors.groupingBy(Keyed::layer, TreeMap::new, Collectors.mapping(Keyed::value, Collectors.toList())));
        List<ScheduleOverride> overrides = jdbc.sql("""
                        SELECT person_id, starts_at, ends_at FROM schedule_override WHERE schedule_id = :id ORDER BY position""")
                .param("id", head.id())
                .query((rs, n) -> new ScheduleOverride(rs.getString("person_id"),
                        rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("ends_at", OffsetDateTime.class).toInstant()))
                .list();
        List<Layer> layers = new ArrayList<>();
        for (LayerRow row : layerRows) {
            layers.add(new Layer(row.name(), participants.getOrDefault(row.position(), List.of()), row.rotationStart(),
                    ShiftLength.parse(row.shiftLength()), restrictions.getOrDefault(row.position(), List.of())));
        }
        return new Schedule(head.id(), head.name(), head.teamId(), Schedule.zone(head.zone()), layers, overrides, head.version());
    }

    private void insertChildren(Schedule schedule) {
        for (int l = 0; l < schedule.layers().size(); l++) {
            Layer layer = schedule.layers().get(l);
            jdbc.sql("""
                            INSERT INTO schedule_layer (schedule_id, position, name, rotation_start, shift_length)
                            VALUES (:id, :position, :name, :start, :length)""")
                    .param("id", schedule.id())
                    .param("position", l)
                    .param("name", layer.name())
                    .param("start", layer.rotationStart())
                    .param("length", layer.shiftLength().iso())
                    .update();
            for (int p = 0; p < layer.participants().size(); p++) {
                jdbc.sql("""
                                INSERT INTO schedule_layer_participant (schedule_id, layer_position, position, person_id)
                                VALUES (:id, :layer, :position, :person)""")
                        .param("id", schedule.id())
                        .param("layer", l)
                        .param("position", p)
                        .param("person", layer.participants().get(p))
                        .update();
            }
            for (int r = 0; r < layer.restrictions().size(); r++) {
                Restriction restriction = layer.restrictions().get(r);
                jdbc.sql("""
                                INSERT INTO schedule_layer_restriction (schedule_id, layer_position, position, days, opens_at, closes_at)
                                VALUES (:id, :layer, :position, string_to_array(:days, ','), :opens, :closes)""")
                        .param("id", schedule.id())
                        .param("layer", l)
                        .param("position", r)
                        .param("days", EnumSet.copyOf(restriction.days()).stream().map(Enum::name).collect(Collectors.joining(",")))
                        .param("opens", restriction.from())
                        .param("closes", restriction.to())
                        .update();
            }
        }
        for (int o = 0; o < schedule.overrides().size(); o++) {
            insertOverride(schedule.id(), o, schedule.overrides().get(o));
        }
    }

    private void insertOverride(String scheduleId, int position, ScheduleOverride override) {
        jdbc.sql("""
                        INSERT INTO schedule_override (schedule_id, position, person_id, starts_at, ends_at)
                        VALUES (:id, :position, :person, :from, :to)""")
                .param("id", scheduleId)
                .param("position", position)
                .param("person", override.personId())
                .param("from", utc(override.from()))
                .param("to", utc(override.to()))
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private void requireReferences(Schedule schedule) {
        // FOR KEY SHARE keeps team and people from disappearing between these checks and the inserts.
        if (jdbc.sql("SELECT 1 FROM team WHERE id = :id FOR KEY SHARE").param("id", schedule.teamId())
                .query(Integer.class).optional().isEmpty()) {
            throw new UnknownReference("teamId", "team", schedule.teamId());
        }
        for (int l = 0; l < schedule.layers().size(); l++) {
            List<String> participants = schedule.layers().get(l).participants();
            for (int p = 0; p < participants.size(); p++) {
                requirePerson(participants.get(p), "layers[" + l + "].participants[" + p + "]");
            }
        }
        for (int o = 0; o < schedule.overrides().size(); o++) {
            requirePerson(schedule.overrides().get(o).personId(), "overrides[" + o + "].personId");
        }
    }

    private void requirePerson(String personId, String field) {
        if (jdbc.sql("SELECT 1 FROM person WHERE id = :id FOR KEY SHARE").param("id", personId)
                .query(Integer.class).optional().isEmpty()) {
            throw new UnknownReference(field, "person", personId);
        }
    }
}
