package io.ownwatch.registry.ownership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox of ownership changes (table {@code ownership_outbox}). A change is
 * appended in the transaction that makes it, so the registry and the topic always agree, and relayed
 * to Kafka afterwards, retried until the broker acknowledges.
 */
@Component
public class OwnershipOutbox {

    private static final Logger log = LoggerFactory.getLogger(OwnershipOutbox.class);
    /** Any constant works; it only has to be the same for every relay instance of this service. */
    private static final long RELAY_LOCK_KEY = 0x6f776e6572736870L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json = JsonMapper.shared();

    OwnershipOutbox(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Appends a change; must run inside the transaction that made it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(OwnershipChange change) {
        jdbc.sql("""
                        INSERT INTO ownership_outbox (service_id, revision, payload, team_name, changed_at)
                        VALUES (:serviceId, :revision, cast(:payload AS jsonb), :teamName, :changedAt)""")
                .param("serviceId", change.serviceId())
                .param("revision", change.revision())
                .param("payload", change.isDeletion() ? null : json.writeValueAsString(change.service()))
                .param("teamName", change.teamName())
                .param("changedAt", Timestamp.from(change.changedAt()))
                .update();
    }

    /**
     * Publishes unpublished changes in id order, marking each published only after the publisher
     * returned (the broker acknowledged). The first failure stops the batch, so a service's later
     * changes never overtake an earlier one; what was not published is retried next time. A
     * transaction-scoped advisory lock lets only one relay instance publish at a time.
     *
     * @return how many changes were published
     */
    public int relay(int batchSize, ChangePublisher publisher) {
        Integer published = transactions.execute(status -> {
            Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                    .param("key", RELAY_LOCK_KEY)
                    .query(Boolean.class)
                    .single();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<Pending> pending = jdbc.sql("""
                            SELECT * FROM ownership_outbox WHERE published_at IS NULL
                            ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                    .param("limit", batchSize)
                    .query(this::pending)
                    .list();
            List<Long> done = new ArrayList<>();
            for (Pending row : pending) {
                try {
                    publisher.publish(row.change());
                }
                catch (RuntimeException ex) {
                    log.warn("Ownership change {} of service {} not published yet; retrying on the next poll: {}",
                            row.id(), row.change().serviceId(), ex.getMessage());
                    break;
                }
                done.add(row.id());
            }
            if (!done.isEmpty()) {
                jdbc.sql("UPDATE ownership_outbox SET published_at = now() WHERE id IN (:ids)")
                        .param("ids", done)
                        .update();
            }
            return done.size();
        });
        return published == null ? 0 : published;
    }

    /** How many changes wait for the broker. */
    public long backlog() {
        return jdbc.sql("SELECT count(*) FROM ownership_outbox WHERE published_at IS NULL").query(Long.class).single();
    }

    private record Pending(long id, OwnershipChange change) {
    }

    private Pending pending(ResultSet rs, int row) throws SQLException {
        String payload = rs.getString("payload");
        return new Pending(rs.getLong("id"), new OwnershipChange(
                rs.getString("service_id"),
                rs.getLong("revision"),
                payload == null ? null : json.readValue(payload, OwnedService.class),
                rs.getString("team_name"),
                rs.getTimestamp("changed_at").toInstant()));
    }

    /** Sends one change and returns only once the broker acknowledged it; throws otherwise. */
    @FunctionalInterface
    public interface ChangePublisher {
        void publish(OwnershipChange change);
    }
}
