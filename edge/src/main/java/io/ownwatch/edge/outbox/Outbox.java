package io.ownwatch.edge.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox (table {@code outbox_message}, migration {@code classpath:db/migration/outbox}). A
 * message is appended in the transaction that makes the change it announces, so the database and the topic never
 * disagree, and relayed to Kafka afterwards.
 */
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** Any constant works; it only has to be the same for every relay instance of a service. */
    private static final long RELAY_LOCK_KEY = 0x6f7574626f78L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public Outbox(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Appends a message; must run inside the transaction that made the change.
     *
     * @param payload the stream's JSON snapshot, or {@code null} for a tombstone
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String stream, String key, @Nullable String payload) {
        jdbc.sql("INSERT INTO outbox_message (stream, message_key, payload) VALUES (:stream, :key, :payload)")
                .param("stream", stream)
                .param("key", key)
                .param("payload", payload)
                .update();
    }

    /**
     * Appends messages of one stream in the given order, in one statement; must run inside the transaction that made
     * the change they announce.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(String stream, List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        // Identity values are drawn as the rows are inserted, in the ORDER BY's order: the relay keeps it.
        jdbc.sql("""
                        INSERT INTO outbox_message (stream, message_key, payload)
                        SELECT ?, message.key, message.payload
                        FROM unnest(CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY AS message(key, payload, position)
                        ORDER BY message.position""")
                .param(stream)
                .param(messages.stream().map(Message::key).toArray(String[]::new))
                .param(messages.stream().map(Message::payload).toArray(String[]::new))
                .update();
    }

    /**
     * One message to append.
     *
     * @param payload the stream's JSON snapshot, or {@code null} for a tombstone
     */
    public record Message(String key, @Nullable String payload) {
    }

    /** How many messages wait for the broker. */
    public long backlog() {
        return jdbc.sql("SELECT count(*) FROM outbox_message WHERE published_at IS NULL").query(Long.class).single();
    }

    /**
     * Publishes unpublished messages in id order, marking each published only after its stream returned (the
     * broker acknowledged). The first failure ends the batch, so a later message never overtakes an earlier one;
     * what was not published is retried next time. A transaction-scoped advisory lock lets one relay instance of
     * the service publish at a time.
     *
     * @return how many messages were published
     */
    int relay(int batchSize, Map<String, OutboxStream> streams) {
        Integer published = transactions.execute(status -> {
            Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                    .param("key", RELAY_LOCK_KEY)
                    .query(Boolean.class)
                    .single();
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<Pending> pending = jdbc.sql("""
                            SELECT id, stream, message_key, payload FROM outbox_message WHERE published_at IS NULL
                            ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                    .param("limit", batchSize)
                    .query((rs, row) -> new Pending(rs.getLong("id"), rs.getString("stream"),
                            rs.getString("message_key"), rs.getString("payload")))
                    .list();
            List<Long> done = new ArrayList<>();
            // Runs of consecutive messages of one stream go out together; the first shortfall ends the batch.
            int start = 0;
            while (start < pending.size()) {
                int end = start + 1;
                while (end < pending.size() && pending.get(end).stream().equals(pending.get(start).stream())) {
                    end++;
                }
                List<Pending> run = pending.subList(start, end);
                int sent = publish(run, streams);
                run.subList(0, sent).forEach(message -> done.add(message.id()));
                if (sent < run.size()) {
                    break;
                }
                start = end;
            }
            if (!done.isEmpty()) {
                jdbc.sql("UPDATE outbox_message SET published_at = now() WHERE id IN (:ids)")
                        .param("ids", done)
                        .update();
            }
            return done.size();
        });
        return published == null ? 0 : published;
    }

    /** How many of the run (one stream's consecutive messages), from the first, were published. */
    private static int publish(List<Pending> run, Map<String, OutboxStream> streams) {
        Pending first = run.get(0);
        OutboxStream stream = streams.get(first.stream());
        if (stream == null) {
            // Skipping would break the order, so the message waits for a release that knows its stream.
            log.error("Outbox message {} names stream '{}', which this service does not publish; holding it and "
                    + "everything after it", first.id(), first.stream());
            return 0;
        }
        int published;
        try {
            published = stream.publishAll(run.stream().map(message -> new Message(message.key(), message.payload())).toList());
        }
        catch (RuntimeException ex) {
            log.warn("Outbox message {} ({} key {}) not published yet; retrying on the next poll: {}", first.id(),
                    first.stream(), first.key(), ex.getMessage());
            return 0;
        }
        if (published < run.size()) {
            Pending failed = run.get(published);
            log.warn("Outbox message {} ({} key {}) not published yet; retrying on the next poll", failed.id(),
                    failed.stream(), failed.key());
        }
        return published;
    }

    private record Pending(long id, String stream, String key, @Nullable String payload) {
    }
}
