package io.ownwatch.executor.policy.jdbc;

import io.ownwatch.executor.policy.KillSwitch;
import io.ownwatch.executor.policy.OpsPolicy;
import io.ownwatch.executor.policy.OpsRule;
import io.ownwatch.executor.policy.Severity;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Ops rules in {@code ops_rule}, kill switches in {@code kill_switch}, global shadow mode in {@code shadow_mode}. */
@Repository
class JdbcOpsPolicy implements OpsPolicy {

    private final JdbcClient jdbc;

    JdbcOpsPolicy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<OpsRule> rules() {
        return jdbc.sql("SELECT * FROM ops_rule ORDER BY created_at, id").query(JdbcOpsPolicy::rule).list();
    }

    @Override
    public List<OpsRule> rulesFor(String runbookId, String serviceId) {
        return jdbc.sql("""
                        SELECT * FROM ops_rule WHERE runbook_id IN (:runbook, '*') AND service_id IN (:service, '*')
                        ORDER BY created_at, id""")
                .param("runbook", runbookId)
                .param("service", serviceId)
                .query(JdbcOpsPolicy::rule)
                .list();
    }

    @Override
    public OpsRule addRule(OpsRule rule) {
        String severities = rule.severities().stream().map(Enum::name).sorted()
                .collect(Collectors.joining(",", "{", "}"));
        return jdbc.sql("""
                        INSERT INTO ops_rule (id, runbook_id, service_id, cluster, namespace, severities, reason, created_by)
                        VALUES (:id, :runbook, :service, :cluster, :namespace, CAST(:severities AS text[]), :reason, :by)
                        RETURNING *""")
                .param("id", rule.id())
                .param("runbook", rule.runbookId())
                .param("service", rule.serviceId())
                .param("cluster", rule.cluster())
                .param("namespace", rule.namespace())
                .param("severities", severities)
                .param("reason", rule.reason())
                .param("by", rule.createdBy())
                .query(JdbcOpsPolicy::rule)
                .single();
    }

    @Override
    public boolean removeRule(UUID id) {
        return jdbc.sql("DELETE FROM ops_rule WHERE id = :id").param("id", id).update() > 0;
    }

    @Override
    public List<KillSwitch> killSwitches() {
        return jdbc.sql("SELECT * FROM kill_switch ORDER BY scope").query(JdbcOpsPolicy::killSwitch).list();
    }

    @Override
    public List<KillSwitch> killSwitchesFor(String serviceId) {
        return jdbc.sql("SELECT * FROM kill_switch WHERE scope IN (:global, :service) ORDER BY scope")
                .param("global", KillSwitch.GLOBAL)
                .param("service", KillSwitch.forService(serviceId))
                .query(JdbcOpsPolicy::killSwitch)
                .list();
    }

    @Override
    public KillSwitch setKillSwitch(KillSwitch killSwitch) {
        return jdbc.sql("""
                        INSERT INTO kill_switch (scope, reason, set_by) VALUES (:scope, :reason, :by)
                        ON CONFLICT (scope) DO UPDATE SET reason = EXCLUDED.reason, set_by = EXCLUDED.set_by, set_at = now()
                        RETURNING *""")
                .param("scope", killSwitch.scope())
                .param("reason", killSwitch.reason())
                .param("by", killSwitch.setBy())
                .query(JdbcOpsPolicy::killSwitch)
                .single();
    }

    @Override
    public boolean clearKillSwitch(String scope) {
        return jdbc.sql("DELETE FROM kill_switch WHERE scope = :scope").param("scope", scope).update() > 0;
    }

    @Override
    public Optional<ShadowMode> shadowMode() {
        return jdbc.sql("SELECT * FROM shadow_mode").query(JdbcOpsPolicy::shadow).optional();
    }

    @Override
    public ShadowMode setShadowMode(ShadowMode mode) {
        return jdbc.sql("""
                        INSERT INTO shadow_mode (id, enabled, reason, set_by) VALUES (true, :enabled, :reason, :by)
                        ON CONFLICT (id) DO UPDATE
                        SET enabled = EXCLUDED.enabled, reason = EXCLUDED.reason, set_by = EXCLUDED.set_by, set_at = now()
                        RETURNING *""")
                .param("enabled", mode.enabled())
                .param("reason", mode.reason())
                .param("by", mode.setBy())
                .query(JdbcOpsPolicy::shadow)
                .single();
    }

    private static OpsRule rule(ResultSet rs, int row) throws SQLException {
        Array severities = rs.getArray("severities");
        return new OpsRule(rs.getObject("id", UUID.class), rs.getString("runbook_id"), rs.getString("service_id"),
                rs.getString("cluster"), rs.getString("namespace"),
                Arrays.stream((String[]) severities.getArray()).map(Severity::valueOf).collect(Collectors.toSet()),
                rs.getString("reason"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }

    private static KillSwitch killSwitch(ResultSet rs, int row) throws SQLException {
        return new KillSwitch(rs.getString("scope"), rs.getString("reason"), rs.getString("set_by"),
                rs.getTimestamp("set_at").toInstant());
    }

    private static ShadowMode shadow(ResultSet rs, int row) throws SQLException {
        return new ShadowMode(rs.getBoolean("enabled"), rs.getString("reason"), rs.getString("set_by"),
                rs.getTimestamp("set_at").toInstant());
    }
}
