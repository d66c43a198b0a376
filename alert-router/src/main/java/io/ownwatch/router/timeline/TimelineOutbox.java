package io.ownwatch.router.timeline;

import io.ownwatch.router.alert.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox of timeline entries (table {@code timeline_outbox}). Entries are
 * appended in the transaction that changes the incident, so state and events always agree, and
 * relayed to Kafka afterwards.
 */
@Component
public class TimelineOutbox {

    private static final Logger log = LoggerFactory.getLogger(TimelineOutbox.class);
    /** Any constant works; it only has to be the same for every relay instance of this service. */
    private static final long RELAY_LOCK_KEY = 0x6f776e7761746368L;
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json = JsonMapper.shared();

    TimelineOutbox(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Appends entries; must run inside the transaction that made the change they describe. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(List<TimelineEntry> entries) {
        for (TimelineEntry entry : entries) {
            jdbc.sql("""
                    insert into timeline_outbox (event_id, incident_id, sequence, type, occurred_at, actor_kind, actor_id,
                                                 service_id, team_id, severity, summary, attributes)
                    values (:eventId, :incidentId, :sequence, :type, :occurredAt, :actorKind, :actorId,
                            :serviceId, :teamId, :severity, :summary, cast(:attributes as jsonb))
                    """)
                    .param("eventId", entry.eventId())
                    .param("incidentId", entry.incidentId())
                    .param("sequence", entry.sequence())
                    .param("type", entry.type().name())
                    .param("occurredAt", Timestamp.from(entry.occurredAt()))
                    .param("actorKind", entry.actor().kind().name())
                    .param("actorId", entry.actor().id())
                    .param("serviceId", entry.serviceId())
                    .param("teamId", entry.teamId())
                    .param("severity", entry.severity().name())
                    .param("summary", entry.summary())
                    .param("attributes", json.writeValueAsString(entry.attributes()))
                    .update();
        }
    }

    /**
     * Publishes unpublished entries in id order, marking each published only after the publisher
     * returned (the broker acknowledged). The first failure stops the batch, so an incident's
     * later entries never overtake an earlier one; what was not published is retried next time.
     * A transaction-scoped advisory lock lets only one relay instance publish at a time.
     *
     * @return how many entries were published
     */
    public int relay(int batchSize, EntryPublisher publisher) {
        Integer published = transactions.execute(status -> {
            Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:key)")
                    .param("key", RELAY_LOCK_KEY)
                    .query(Boolean.class)
                    .single();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<TimelineEntry> pending = jdbc.sql("""
                    select * from timeline_outbox where published_at is null
                    order by id limit :limit for update skip locked
                    """)
                    .param("limit", batchSize)
                    .query(this::entry)
                    .list();
            List<UUID> done = new ArrayList<>();
            for (TimelineEntry entry : pending) {
                try {
                    publisher.publish(entry);
                } catch (RuntimeException e) {
                    log.warn("Timeline entry {} of incident {} not published yet; retrying on the next poll: {}",
                            entry.eventId(), entry.incidentId(), e.getMessage());
                    break;
                }
                done.add(entry.eventId());
            }
            if (!done.isEmpty()) {
                jdbc.sql("update timeline_outbox set published_at = now() where event_id in (:ids)")
                        .param("ids", done)
                        .update();
            }
            return done.size();
        });
        return published == null ? 0 : published;
    }

    private TimelineEntry entry(ResultSet rs, int row) throws SQLException {
        return new TimelineEntry(
                rs.getObject("event_id", UUID.class),
                rs.getObject("incident_id", UUID.class),
                rs.getLong("sequence"),
                TimelineEntryType.valueOf(rs.getString("type")),
                rs.getTimestamp("occurred_at").toInstant(),
                new TimelineEntry.Actor(TimelineEntry.Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_id")),
                rs.getString("service_id"),
                rs.getString("team_id"),
                Severity.valueOf(rs.getString("severity")),
                rs.getString("summary"),
                json.readValue(rs.getString("attributes"), STRING_MAP));
    }

    /** Sends one entry and returns only once the broker acknowledged it; throws otherwise. */
    @FunctionalInterface
    public interface EntryPublisher {
        void publish(TimelineEntry entry);
    }
}
