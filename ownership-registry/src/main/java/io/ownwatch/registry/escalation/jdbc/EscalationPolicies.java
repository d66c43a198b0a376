package io.ownwatch.registry.escalation.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.ownwatch.registry.ItemPage;
import io.ownwatch.registry.escalation.EscalationPolicy;
import io.ownwatch.registry.escalation.EscalationPolicyAlreadyExists;
import io.ownwatch.registry.escalation.EscalationPolicyInUse;
import io.ownwatch.registry.escalation.EscalationPolicyNotFound;
import io.ownwatch.registry.escalation.Level;
import io.ownwatch.registry.escalation.Target;
import io.ownwatch.registry.schedule.StaleVersion;
import io.ownwatch.registry.schedule.UnknownReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All escalation policies, stored in {@code escalation_policy}, {@code escalation_level} and {@code escalation_target}. */
@Repository
public class EscalationPolicies {

    private static final String HEAD = "SELECT id, name, team_id, repeat, version FROM escalation_policy";

    private final JdbcClient jdbc;

    EscalationPolicies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a policy.
     *
     * @throws UnknownReference               if the team or a target does not exist (naming the field)
     * @throws EscalationPolicyAlreadyExists  if the id is taken
     */
    @Transactional
    public EscalationPolicy add(EscalationPolicy policy) {
        requireReferences(policy);
        int inserted = jdbc.sql("""
                        INSERT INTO escalation_policy (id, name, team_id, repeat) VALUES (:id, :name, :teamId, :repeat)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", policy.id())
                .param("name", policy.name())
                .param("teamId", policy.teamId())
                .param("repeat", policy.repeat())
                .update();
        if (inserted == 0) {
            throw new EscalationPolicyAlreadyExists(policy.id());
        }
        insertLevels(policy);
        return find(policy.id()).orElseThrow();
    }

    /** Replaces a policy still at {@code expectedVersion}; throws {@link StaleVersion} or {@link EscalationPolicyNotFound}. */
    @Transactional
    public EscalationPolicy replace(EscalationPolicy policy, long expectedVersion) {
        requireReferences(policy);
        int updated = jdbc.sql("""
                        UPDATE escalation_policy SET name = :name, team_id = :teamId, repeat = :repeat,
                            version = version + 1, updated_at = now()
                        WHERE id = :id AND version = :version""")
                .param("id", policy.id())
                .param("name", policy.name())
                .param("teamId", policy.teamId())
                .param("repeat", policy.repeat())
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw find(policy.id()).isPresent() ? new StaleVersion("escalation policy", policy.id(), expectedVersion)
                    : new EscalationPolicyNotFound(policy.id());
        }
        jdbc.sql("DELETE FROM escalation_level WHERE policy_id = :id").param("id", policy.id()).update();
        insertLevels(policy);
        return find(policy.id()).orElseThrow();
    }

    /**
     * Deletes a policy; deleting a missing one changes nothing.
     *
     * @throws EscalationPolicyInUse if a service escalates through it
     */
    @Transactional
    public boolean delete(String id) {
        // The lock keeps a service from starting to name the policy between this check and the delete.
        jdbc.sql("SELECT 1 FROM escalation_policy WHERE id = :id FOR UPDATE").param("id", id).query(Integer.class).optional();
        List<String> services = jdbc.sql("SELECT id FROM service WHERE escalation_policy_id = :id ORDER BY id")
                .param("id", id)
                .query(String.class)
                .list();
        if (!services.isEmpty()) {
            throw new EscalationPolicyInUse(id, services);
        }
        return jdbc.sql("DELETE FROM escalation_policy WHERE id = :id").param("id", id).update() == 1;
    }

    @Transactional(readOnly = true)
    public Optional<EscalationPolicy> find(String id) {
        return jdbc.sql(HEAD + " WHERE id = :id").param("id", id).query(Head::of).optional().map(this::assemble);
    }

    /** Policies ordered by id. */
    @Transactional(readOnly = true)
    public ItemPage<EscalationPolicy> list(int page, int size) {
        List<EscalationPolicy> items = jdbc.sql(HEAD + " ORDER BY id LIMIT :limit OFFSET :offset")
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(Head::of)
                .list().stream().map(this::assemble).toList();
        long total = jdbc.sql("SELECT count(*) FROM escalation_policy").query(Long.class).single();
        return new ItemPage<>(items, page, size, total);
    }

    /** Every policy, ordered by id. */
    @Transactional(readOnly = true)
    public List<EscalationPolicy> all() {
        return jdbc.sql(HEAD + " ORDER BY id").query(Head::of).list().stream().map(this::assemble).toList();
    }

    private record Head(String id, String name, String teamId, int repeat, long version) {

        static Head of(ResultSet rs, int n) throws SQLException {
            return new Head(rs.getString("id"), rs.getString("name"), rs.getString("team_id"), rs.getInt("repeat"),
                    rs.getLong("version"));
        }
    }

    private record Keyed(int level, Target target) {
    }

    private EscalationPolicy assemble(Head head) {
        Map<Integer, Integer> delays = new TreeMap<>();
        jdbc.sql("SELECT position, delay_minutes FROM escalation_level WHERE policy_id = :id ORDER BY position")
                .param("id", head.id())
                .query((rs, n) -> Map.entry(rs.getInt("position"), rs.getInt("delay_minutes")))
                .list()
                .forEach(e -> delays.put(e.getKey(), e.getValue()));
        Map<Integer, List<Target>> targets = jdbc.sql("""
                        SELECT level_position, schedule_id, person_id, team_id FROM escalation_target
                        WHERE policy_id = :id ORDER BY level_position, position""")
                .param("id", head.id())
                .query((rs, n) -> new Keyed(rs.getInt("level_position"), target(rs)))
                .list().stream()
                .collect(Collectors.groupingBy(Keyed::level, TreeMap::new, Collectors.mapping(Keyed::target, Collectors.toList())));
        List<Level> levels = new ArrayList<>();
        delays.forEach((position, delay) -> levels.add(new Level(delay, targets.getOrDefault(position, List.of()))));
        return new EscalationPolicy(head.id(), head.name(), head.teamId(), head.repeat(), levels, head.version());
    }

    private static Target target(ResultSet rs) throws SQLException {
        if (rs.getString("schedule_id") != null) {
            return new Target.OnCallOf(rs.getString("schedule_id"));
        }
        if (rs.getString("person_id") != null) {
            return new Target.Person(rs.getString("person_id"));
        }
        return new Target.TeamChannel(rs.getString("team_id"));
    }

    private void insertLevels(EscalationPolicy policy) {
        for (int l = 0; l < policy.levels().size(); l++) {
            Level level = policy.levels().get(l);
            jdbc.sql("INSERT INTO escalation_level (policy_id, position, delay_minutes) VALUES (:id, :position, :delay)")
                    .param("id", policy.id())
                    .param("position", l)
                    .param("delay", level.delayMinutes())
                    .update();
            for (int t = 0; t < level.targets().size(); t++) {
                Target target = level.targets().get(t);
                jdbc.sql("""
                                INSERT INTO escalation_target (policy_id, level_position, position, schedule_id, person_id, team_id)
                                VALUES (:id, :level, :position, :schedule, :person, :team)""")
                        .param("id", policy.id())
                        .param("level", l)
                        .param("position", t)
                        .param("schedule", target instanceof Target.OnCallOf ? target.id() : null, java.sql.Types.VARCHAR)
                        .param("person", target instanceof Target.Person ? target.id() : null, java.sql.Types.VARCHAR)
                        .param("team", target instanceof Target.TeamChannel ? target.id() : null, java.sql.Types.VARCHAR)
                        .update();
            }
        }
    }

    private void requireReferences(EscalationPolicy policy) {
        require("team", policy.teamId(), "teamId");
        for (int l = 0; l < policy.levels().size(); l++) {
            List<Target> targets = policy.levels().get(l).targets();
            for (int t = 0; t < targets.size(); t++) {
                Target target = targets.get(t);
                String field = "levels[" + l + "].targets[" + t + "].id";
                if (target instanceof Target.OnCallOf) {
                    require("schedule", target.id(), field);
                } else if (target instanceof Target.Person) {
                    require("person", target.id(), field);
                } else {
                    require("team", target.id(), field);
                }
            }
        }
    }

    /** Table names come from the three literals above, never from input. */
    private void require(String table, String id, String field) {
        // FOR KEY SHARE keeps what the policy names from disappearing before the policy is stored.
        if (jdbc.sql("SELECT 1 FROM " + table + " WHERE id = :id FOR KEY SHARE").param("id", id)
                .query(Integer.class).optional().isEmpty()) {
            throw new UnknownReference(field, table, id);
        }
    }
}
