package io.ownwatch.router.integration.jdbc;

import io.ownwatch.router.integration.Integration;
import io.ownwatch.router.integration.IntegrationNameTaken;
import io.ownwatch.router.integration.IntegrationType;
import io.ownwatch.router.integration.Integrations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcIntegrations implements Integrations {

    private static final String COLUMNS = """
            id, name, type, team_id, signing_secret, created_at, created_by, revoked_at, revoked_by""";

    private final JdbcClient jdbc;

    JdbcIntegrations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insert(Integration integration, String keyHash) {
        try {
            jdbc.sql("""
                    insert into integration (id, name, type, team_id, key_hash, signing_secret, created_at, created_by)
                    values (:id, :name, :type, :teamId, :keyHash, :signingSecret, :createdAt, :createdBy)
                    """)
                    .param("id", integration.id())
                    .param("name", integration.name())
                    .param("type", integration.type().name())
                    .param("teamId", integration.teamId())
                    .param("keyHash", keyHash)
                    .param("signingSecret", integration.signingSecret())
                    .param("createdAt", Timestamp.from(integration.createdAt()))
                    .param("createdBy", integration.createdBy())
                    .update();
        } catch (DuplicateKeyException e) {
            // The key hash is random and cannot collide in practice: the name index is what refused.
            throw new IntegrationNameTaken(integration.name());
        }
    }

    @Override
    public Optional<Integration> findByKeyHash(String keyHash) {
        return jdbc.sql("select " + COLUMNS + " from integration where key_hash = :keyHash")
                .param("keyHash", keyHash)
                .query(JdbcIntegrations::integration)
                .optional();
    }

    @Override
    public Optional<Integration> findById(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from integration where id = :id")
                .param("id", id)
                .query(JdbcIntegrations::integration)
                .optional();
    }

    @Override
    public List<Integration> findAll() {
        return jdbc.sql("select " + COLUMNS + " from integration order by created_at desc, id")
                .query(JdbcIntegrations::integration)
                .list();
    }

    @Override
    public void revoke(Integration revoked) {
        jdbc.sql("update integration set revoked_at = :revokedAt, revoked_by = :revokedBy where id = :id and revoked_at is null")
                .param("id", revoked.id())
                .param("revokedAt", Timestamp.from(revoked.revokedAt()))
                .param("revokedBy", revoked.revokedBy())
                .update();
    }

    private static Integration integration(ResultSet rs, int row) throws SQLException {
        return new Integration(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                IntegrationType.valueOf(rs.getString("type")),
                rs.getString("team_id"),
                rs.getString("signing_secret"),
                instant(rs.getTimestamp("created_at")),
                rs.getString("created_by"),
                instant(rs.getTimestamp("revoked_at")),
                rs.getString("revoked_by"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
