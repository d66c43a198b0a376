package io.ownwatch.registry.ownership;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.ownwatch.registry.ItemPage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * All services with their matchers, selectors and secondary teams. Every change also appends an
 * {@link OwnershipChange} to the {@link OwnershipOutbox} in the same transaction.
 */
@Repository
public class OwnedServices {

    /**
     * Serializes service writes: the tie check reads every other service, so two concurrent saves
     * must not both pass it against the state before the other.
     */
    private static final long WRITE_LOCK_KEY = 0x7365727669636573L;

    private final JdbcClient jdbc;
    private final OwnershipOutbox outbox;

    OwnedServices(JdbcClient jdbc, OwnershipOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /**
     * Adds a service in one transaction.
     *
     * @throws UnknownTeam          if the owning team or a secondary team does not exist
     * @throws UnknownEscalationPolicy if the escalation policy does not exist
     * @throws ServiceAlreadyExists if the id is taken
     * @throws SelectorTie          if the service could tie with another for some alert
     */
    @Transactional
    public OwnedService add(OwnedService service) {
        lockWrites();
        requireTeams(service);
        refuseTies(service);
        List<Timestamp> inserted = jdbc.sql("""
                        INSERT INTO service (id, name, team_id, tier, escalation_policy_id, version)
                        VALUES (:id, :name, :teamId, :tier, :policy, 0)
                        ON CONFLICT (id) DO NOTHING RETURNING updated_at""")
                .param("id", service.id())
                .param("name", service.name())
                .param("teamId", service.teamId())
                .param("tier", service.tier())
                .param("policy", service.escalationPolicyId())
                .query(Timestamp.class)
                .list();
        if (inserted.isEmpty()) {
            throw new ServiceAlreadyExists(service.id());
        }
        OwnedService stored = service.withVersion(0);
        insertChildren(stored);
        outbox.append(new OwnershipChange(stored.id(), 0, stored, teamName(stored.teamId()), inserted.get(0).toInstant()));
        return stored;
    }

    /**
     * Replaces a service entirely, if it is still at the expected version.
     *
     * @throws ServiceNotFound         if there is no such service
     * @throws ServiceVersionMismatch  if it changed since the caller read it
     * @throws UnknownTeam             if a named team does not exist
     * @throws UnknownEscalationPolicy  if the escalation policy does not exist
     * @throws SelectorTie             if the service could tie with another for some alert
     */
    @Transactional
    public OwnedService replace(OwnedService service, long expectedVersion) {
        lockWrites();
        requireVersion(service.id(), expectedVersion);
        requireTeams(service);
        refuseTies(service);
        record Updated(long version, Timestamp updatedAt) {
        }
        Updated updated = jdbc.sql("""
                        UPDATE service SET name = :name, team_id = :teamId, tier = :tier, escalation_policy_id = :policy,
                               version = version + 1, updated_at = now()
                        WHERE id = :id RETURNING version, updated_at""")
                .param("id", service.id())
                .param("name", service.name())
                .param("teamId", service.teamId())
                .param("tier", service.tier())
                .param("policy", service.escalationPolicyId())
                .query((rs, n) -> new Updated(rs.getLong("version"), rs.getTimestamp("updated_at")))
                .single();
        for (String table : List.of("label_matcher", "kubernetes_selector", "service_secondary_team")) {
            jdbc.sql("DELETE FROM " + table + " WHERE service_id = :id").param("id", service.id()).update();
        }
        OwnedService stored = service.withVersion(updated.version());
        insertChildren(stored);
        outbox.append(new OwnershipChange(stored.id(), stored.version(), stored, teamName(stored.teamId()),
                updated.updatedAt().toInstant()));
        return stored;
    }

    /**
     * Deletes a service, if it is still at the expected version, and publishes its tombstone.
     *
     * @throws ServiceNotFound        if there is no such service
     * @throws ServiceVersionMismatch if it changed since the caller read it
     */
    @Transactional
    public void remove(String id, long expectedVersion) {
        lockWrites();
        requireVersion(id, expectedVersion);
        jdbc.sql("DELETE FROM service WHERE id = :id").param("id", id).update();
        Instant now = jdbc.sql("SELECT now()").query(Timestamp.class).single().toInstant();
        outbox.append(new OwnershipChange(id, expectedVersion + 1, null, null, now));
    }

    /** Enqueues the current state of every service, so that a new consumer can rebuild its view; returns how many. */
    @Transactional
    public int republishAll() {
        return republish(this::all);
    }

    /**
     * Enqueues the current state of the services the team owns: ownership.v1 carries the owning team's name,
     * so a renamed team's services are published again. Returns how many.
     */
    @Transactional
    public int republishOwnedBy(String teamId) {
        return republish(() -> load("WHERE team_id = :teamId", Map.of("teamId", teamId)));
    }

    private int republish(java.util.function.Supplier<List<OwnedService>> selection) {
        // The write lock orders this snapshot with concurrent changes: none can slip in between.
        lockWrites();
        Map<String, Timestamp> updatedAt = new HashMap<>();
        jdbc.sql("SELECT id, updated_at FROM service").query((rs, n) -> updatedAt.put(rs.getString(1), rs.getTimestamp(2))).list();
        Map<String, String> teamNames = new HashMap<>();
        jdbc.sql("SELECT id, name FROM team").query((rs, n) -> teamNames.put(rs.getString(1), rs.getString(2))).list();
        List<OwnedService> services = selection.get();
        for (OwnedService service : services) {
            outbox.append(new OwnershipChange(service.id(), service.version(), service,
                    teamNames.getOrDefault(service.teamId(), service.teamId()), updatedAt.get(service.id()).toInstant()));
        }
        return services.size();
    }

    @Transactional(readOnly = true)
    public Optional<OwnedService> find(String id) {
        return load("WHERE id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** Services ordered by id. */
    @Transactional(readOnly = true)
    public ItemPage<OwnedService> list(int page, int size) {
        List<OwnedService> items = load("ORDER BY id LIMIT :limit OFFSET :offset",
                Map.of("limit", size, "offset", (long) page * size));
        long total = jdbc.sql("SELECT count(*) FROM service").query(Long.class).single();
        return new ItemPage<>(items, page, size, total);
    }

    /** Every service, ordered by id: the candidates for resolving an alert's owner. */
    @Transactional(readOnly = true)
    public List<OwnedService> all() {
        return load("", Map.of());
    }

    /**
     * Takes the lock every service change holds, until the caller's transaction ends. Services are saved under
     * it while they key-share their team's row, so a caller that changes a team and then writes or republishes
     * services takes it before touching the team: the other order can deadlock with a concurrent service change.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockWrites() {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:key)").param("key", WRITE_LOCK_KEY).query(Integer.class).single();
    }

    private void requireVersion(String id, long expectedVersion) {
        long current = jdbc.sql("SELECT version FROM service WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new ServiceNotFound(id));
        if (current != expectedVersion) {
            throw new ServiceVersionMismatch(id, Long.toString(expectedVersion), current);
        }
    }

    private void requireTeams(OwnedService service) {
        requireTeam(service.teamId(), "teamId");
        for (int i = 0; i < service.secondaryTeamIds().size(); i++) {
            requireTeam(service.secondaryTeamIds().get(i), "secondaryTeamIds[" + i + "]");
        }
        requireEscalationPolicy(service.escalationPolicyId());
    }

    /** The foreign key would refuse an unknown policy too, but as a 500; this names the field. */
    private void requireEscalationPolicy(String policyId) {
        if (policyId == null) {
            return;
        }
        // FOR KEY SHARE keeps the policy from disappearing between this check and the write.
        boolean exists = jdbc.sql("SELECT 1 FROM escalation_policy WHERE id = :id FOR KEY SHARE")
                .param("id", policyId)
                .query(Integer.class)
                .optional()
                .isPresent();
        if (!exists) {
            throw new UnknownEscalationPolicy(policyId);
        }
    }

    private void requireTeam(String teamId, String field) {
        // FOR KEY SHARE keeps the team from disappearing between this check and the insert.
        boolean exists = jdbc.sql("SELECT 1 FROM team WHERE id = :id FOR KEY SHARE")
                .param("id", teamId)
                .query(Integer.class)
                .optional()
                .isPresent();
        if (!exists) {
            throw new UnknownTeam(teamId, field);
        }
    }

    private void refuseTies(OwnedService service) {
        Precedence.tieWith(service, all()).ifPresent(tie -> {
            throw new SelectorTie(service.id(), tie);
        });
    }

    private String teamName(String teamId) {
        return jdbc.sql("SELECT name FROM team WHERE id = :id").param("id", teamId).query(String.class).optional().orElse(teamId);
    }

    private void insertChildren(OwnedService service) {
        int position = 0;
        for (LabelMatcher matcher : service.labelMatchers()) {
            jdbc.sql("""
                            INSERT INTO label_matcher (service_id, position, label, op, value)
                            VALUES (:serviceId, :position, :label, :op, :value)""")
                    .param("serviceId", service.id())
                    .param("position", position++)
                    .param("label", matcher.label())
                    .param("op", matcher.op().name())
                    .param("value", matcher.value())
                    .update();
        }
        position = 0;
        for (KubernetesSelector selector : service.kubernetes()) {
            jdbc.sql("""
                            INSERT INTO kubernetes_selector (service_id, position, cluster, namespace, workload)
                            VALUES (:serviceId, :position, :cluster, :namespace, :workload)""")
                    .param("serviceId", service.id())
                    .param("position", position++)
                    .param("cluster", selector.cluster())
                    .param("namespace", selector.namespace())
                    .param("workload", selector.workload())
                    .update();
        }
        position = 0;
        for (String teamId : service.secondaryTeamIds()) {
            jdbc.sql("""
                            INSERT INTO service_secondary_team (service_id, team_id, position)
                            VALUES (:serviceId, :teamId, :position) ON CONFLICT DO NOTHING""")
                    .param("serviceId", service.id())
                    .param("teamId", teamId)
                    .param("position", position++)
                    .update();
        }
    }

    private record Head(String id, String name, String teamId, String tier, String escalationPolicyId, long version) {
    }

    /** Loads the services selected by {@code clause} (a WHERE and/or ORDER/LIMIT on table service) with their children. */
    private List<OwnedService> load(String clause, Map<String, ?> params) {
        String sql = "SELECT id, name, team_id, tier, escalation_policy_id, version FROM service " + clause;
        List<Head> heads = jdbc.sql(clause.contains("ORDER BY") ? sql : sql + " ORDER BY id")
                .params(params)
                .query((rs, n) -> new Head(rs.getString("id"), rs.getString("name"), rs.getString("team_id"),
                        rs.getString("tier"), rs.getString("escalation_policy_id"), rs.getLong("version")))
                .list();
        if (heads.isEmpty()) {
            return List.of();
        }
        List<String> ids = heads.stream().map(Head::id).toList();
        Map<String, List<LabelMatcher>> matchers = new HashMap<>();
        jdbc.sql("SELECT service_id, label, op, value FROM label_matcher WHERE service_id IN (:ids) ORDER BY service_id, position")
                .param("ids", ids)
                .query((rs, n) -> matchers.computeIfAbsent(rs.getString("service_id"), k -> new ArrayList<>())
                        .add(new LabelMatcher(rs.getString("label"), MatchOp.valueOf(rs.getString("op")), rs.getString("value"))))
                .list();
        Map<String, List<KubernetesSelector>> selectors = new HashMap<>();
        jdbc.sql("""
                        SELECT service_id, cluster, namespace, workload FROM kubernetes_selector
                        WHERE service_id IN (:ids) ORDER BY service_id, position""")
                .param("ids", ids)
                .query((rs, n) -> selectors.computeIfAbsent(rs.getString("service_id"), k -> new ArrayList<>())
                        .add(new KubernetesSelector(rs.getString("cluster"), rs.getString("namespace"), rs.getString("workload"))))
                .list();
        Map<String, List<String>> secondary = new HashMap<>();
        jdbc.sql("SELECT service_id, team_id FROM service_secondary_team WHERE service_id IN (:ids) ORDER BY service_id, position")
                .param("ids", ids)
                .query((rs, n) -> secondary.computeIfAbsent(rs.getString("service_id"), k -> new ArrayList<>())
                        .add(rs.getString("team_id")))
                .list();
        Map<String, OwnedService> byId = new LinkedHashMap<>();
        for (Head head : heads) {
            byId.put(head.id(), new OwnedService(head.id(), head.name(), head.teamId(),
                    secondary.getOrDefault(head.id(), List.of()), head.tier(), head.escalationPolicyId(),
                    matchers.getOrDefault(head.id(), List.of()), selectors.getOrDefault(head.id(), List.of()),
                    head.version()));
        }
        return List.copyOf(byId.values());
    }
}
