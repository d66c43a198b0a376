package io.ownwatch.executor.catalog.jdbc;

import io.ownwatch.executor.catalog.Runbook;
import io.ownwatch.executor.catalog.RunbookCatalog;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The catalog in {@code catalog_runbook} and {@code catalog_service_owner}; upserts never move back a version. */
@Repository
class JdbcRunbookCatalog implements RunbookCatalog {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final JdbcClient jdbc;

    JdbcRunbookCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Runbook> runbook(String runbookId) {
        return jdbc.sql("SELECT definition FROM catalog_runbook WHERE runbook_id = :id")
                .param("id", runbookId)
                .query((rs, row) -> JSON.readValue(rs.getString(1), Runbook.class))
                .optional();
    }

    @Override
    public List<Runbook> runbooks() {
        return jdbc.sql("SELECT definition FROM catalog_runbook ORDER BY runbook_id")
                .query((rs, row) -> JSON.readValue(rs.getString(1), Runbook.class))
                .list();
    }

    @Override
    public void approved(Runbook runbook) {
        jdbc.sql("""
                        INSERT INTO catalog_runbook (runbook_id, version, content_hash, definition)
                        VALUES (:id, :version, :hash, CAST(:definition AS jsonb))
                        ON CONFLICT (runbook_id) DO UPDATE
                        SET version = EXCLUDED.version, content_hash = EXCLUDED.content_hash,
                            definition = EXCLUDED.definition, updated_at = now()
                        WHERE catalog_runbook.version <= EXCLUDED.version""")
                .param("id", runbook.runbookId())
                .param("version", runbook.version())
                .param("hash", runbook.contentHash())
                .param("definition", JSON.writeValueAsString(runbook))
                .update();
    }

    @Override
    public void retired(String runbookId, int version) {
        jdbc.sql("DELETE FROM catalog_runbook WHERE runbook_id = :id AND version <= :version")
                .param("id", runbookId)
                .param("version", version)
                .update();
    }

    @Override
    public Optional<String> owningTeam(String serviceId) {
        return jdbc.sql("SELECT team_id FROM catalog_service_owner WHERE service_id = :id")
                .param("id", serviceId)
                .query(String.class)
                .optional();
    }

    @Override
    public void owned(String serviceId, String teamId, long revision) {
        jdbc.sql("""
                        INSERT INTO catalog_service_owner (service_id, team_id, revision) VALUES (:id, :team, :revision)
                        ON CONFLICT (service_id) DO UPDATE
                        SET team_id = EXCLUDED.team_id, revision = EXCLUDED.revision, updated_at = now()
                        WHERE catalog_service_owner.revision <= EXCLUDED.revision""")
                .param("id", serviceId)
                .param("team", teamId)
                .param("revision", revision)
                .update();
    }

    @Override
    public void deleted(String serviceId) {
        jdbc.sql("DELETE FROM catalog_service_owner WHERE service_id = :id").param("id", serviceId).update();
    }
}
