package io.ownwatch.router.remediation.jdbc;

import io.ownwatch.router.remediation.Runbook;
import io.ownwatch.router.remediation.RunbookCatalog;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog in table {@code runbook_catalog}: one row per runbook, its latest version and status, the approved
 * version's definition as JSON. The version guard in each upsert makes feeding a record twice, or an older one after
 * a newer, change nothing; a retired runbook keeps its row (without definition) so an older approval cannot bring it
 * back.
 */
@Repository
class JdbcRunbookCatalog implements RunbookCatalog {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final JdbcClient jdbc;

    JdbcRunbookCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void approve(Runbook runbook) {
        jdbc.sql("""
                insert into runbook_catalog (runbook_id, version, status, service_ids, definition)
                values (:runbookId, :version, 'APPROVED', cast(:serviceIds as jsonb), cast(:definition as jsonb))
                on conflict (runbook_id) do update
                    set version = excluded.version, status = excluded.status, service_ids = excluded.service_ids,
                        definition = excluded.definition, updated_at = now()
                    where runbook_catalog.version < excluded.version
                       or (runbook_catalog.version = excluded.version and runbook_catalog.status = 'APPROVED')
                """)
                .param("runbookId", runbook.runbookId())
                .param("version", runbook.version())
                .param("serviceIds", JSON.writeValueAsString(runbook.serviceIds()))
                .param("definition", JSON.writeValueAsString(runbook))
                .update();
    }

    @Override
    public void retire(String runbookId, int version) {
        jdbc.sql("""
                insert into runbook_catalog (runbook_id, version, status, service_ids, definition)
                values (:runbookId, :version, 'RETIRED', '[]'::jsonb, null)
                on conflict (runbook_id) do update
                    set version = excluded.version, status = excluded.status, service_ids = excluded.service_ids,
                        definition = null, updated_at = now()
                    where runbook_catalog.version <= excluded.version
                """)
                .param("runbookId", runbookId)
                .param("version", version)
                .update();
    }

    @Override
    public void remove(String runbookId) {
        jdbc.sql("delete from runbook_catalog where runbook_id = :runbookId").param("runbookId", runbookId).update();
    }

    @Override
    public List<Runbook> approvedFor(String serviceId) {
        return jdbc.sql("""
                select definition from runbook_catalog
                where status = 'APPROVED' and service_ids @> jsonb_build_array(cast(:serviceId as text))
                order by runbook_id
                """)
                .param("serviceId", serviceId)
                .query((rs, row) -> read(rs.getString("definition")))
                .list();
    }

    @Override
    public Optional<Runbook> approved(String runbookId) {
        return jdbc.sql("select definition from runbook_catalog where runbook_id = :runbookId and status = 'APPROVED'")
                .param("runbookId", runbookId)
                .query((rs, row) -> read(rs.getString("definition")))
                .optional();
    }

    /**
     * A stored definition. One written without {@code triggerAtLevel} (by an instance from before trigger levels,
     * while a new one runs beside it; V8 spelled the level out in those stored before) meant "when the incident
     * opens", and is read so.
     */
    private static Runbook read(String definition) {
        ObjectNode tree = (ObjectNode) JSON.readTree(definition);
        if (!tree.has("triggerAtLevel")) {
            tree.put("triggerAtLevel", Runbook.WHEN_OPENED);
        }
        return JSON.treeToValue(tree, Runbook.class);
    }
}
