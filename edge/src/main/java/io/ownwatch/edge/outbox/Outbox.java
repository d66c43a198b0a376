package io.ownwatch.edge.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
    /** Released when a transaction that appended commits: the relay of this instance need not wait for its poll. */
    private final Semaphore appended = new Semaphore(0);
    private final TransactionSynchronization wakeRelay = new TransactionSynchronization() {
        @Override
        public void afterCommit() {
            appended.release();
        }
    };

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
        wakeRelayAfterCommit();
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
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.getSynchronizations().contains(wakeRelay)) {
            TransactionSynchronizationManager.registerSynchronization(wakeRelay);
        }
    }

    /**
     * Waits until a transaction of this instance that appended has committed since the last call, or the timeout
     * passed (messages appended by other instances are found by polling).
     */
    void awaitAppended(long timeoutMillis) throws InterruptedException {
        if (appended.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            appended.drainPermits();
        }
    }

    /** Ends an {@link #awaitAppended} early, e.g. when the relay stops. */
    void wake() {
        appended.release();
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
     * Publishes unpublished messages in id order, marking each published only after its stream reported it
     * acknowledged by the broker. The batch's runs (consecutive messages of one stream) are handed over in order,
     * each stream's without waiting for the broker where the stream can ({@link OutboxStream#send}); then the runs'
     * acknowledgements are awaited in order, and the messages acknowledged from the first on are marked, up to the
     * first shortfall. A run that fails while it is handed over ends the batch, so no later message is even sent.
     * What was not marked is published again next time (at least once). A transaction-scoped advisory lock lets one
     * relay instance of the service publish at a time.
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
            List<Handed> handed = new ArrayList<>();
            int start = 0;
            while (start < pending.size()) {
                int end = start + 1;
                while (end < pending.size() && pending.get(end).stream().equals(pending.get(start).stream())) {
                    end++;
                }
                List<Pending> run = pending.subList(start, end);
                CompletableFuture<Integer> sending = send(run, streams);
                if (sending == null) {
                    break;
                }
                handed.add(new Handed(run, sending));
                if (sending.isDone() && acknowledged(run, sending) < run.size()) {
                    break;
                }
                start = end;
            }
            List<Long> done = new ArrayList<>();
            for (Handed run : handed) {
                int sent = acknowledged(run.messages(), run.sending());
                run.messages().subList(0, sent).forEach(message -> done.add(message.id()));
                if (sent < run.messages().size()) {
                    Pending failed = run.messages().get(sent);
                    log.warn("Outbox message {} ({} key {}) not published yet; retrying on the next poll", failed.id(),
                            failed.stream(), failed.key());
                    break;
                }
            }
            if (!done.isEmpty()) {
                jdbc.sql("UPDATE outbox_message SET published_at = now() WHERE id = ANY(CAST(? AS bigint[]))")
                        .param(done.toArray(Long[]::new))
                        .update();
            }
            return done.size();
        });
        return published == null ? 0 : published;
    }

    /**
     * Deletes up to {@code limit} messages published longer than {@code retention} ago. Only ids below the oldest
     * unpublished message are looked at, a range of the primary key, so the cost does not grow with the table.
     *
     * @return how many were deleted
     */
    int prune(Duration retention, int limit) {
        return jdbc.sql("""
                        DELETE FROM outbox_message WHERE id IN (
                            SELECT id FROM outbox_message
                            WHERE id < (SELECT coalesce(min(id), 9223372036854775807) FROM outbox_message
                                        WHERE published_at IS NULL)
                              AND published_at < now() - make_interval(secs => :retention)
                            ORDER BY id LIMIT :limit)""")
                .param("retention", retention.toMillis() / 1000.0)
                .param("limit", limit)
                .update();
    }

    /** The run (one stream's consecutive messages) handed to its stream; {@code null} if nothing was handed over. */
    private static @Nullable CompletableFuture<Integer> send(List<Pending> run, Map<String, OutboxStream> streams) {
        Pending first = run.get(0);
        OutboxStream stream = streams.get(first.stream());
        if (stream == null) {
            // Skipping would break the order, so the message waits for a release that knows its stream.
            log.error("Outbox message {} names stream '{}', which this service does not publish; holding it and "
                    + "everything after it", first.id(), first.stream());
            return null;
        }
        try {
            return stream.send(run.stream().map(message -> new Message(message.key(), message.payload())).toList());
        }
        catch (RuntimeException ex) {
            log.warn("Outbox message {} ({} key {}) not published yet; retrying on the next poll: {}", first.id(),
                    first.stream(), first.key(), ex.getMessage());
            return null;
        }
    }

    /** How many of the run, from the first, the broker acknowledged; waits for the stream's answer. */
    private static int acknowledged(List<Pending> run, CompletableFuture<Integer> sending) {
        try {
            return Math.min(run.size(), Math.max(0, sending.join()));
        }
        catch (CompletionException | CancellationException ex) {
            Pending first = run.get(0);
            log.warn("Outbox message {} ({} key {}) not published yet; retrying on the next poll: {}", first.id(),
                    first.stream(), first.key(), ex.getMessage());
            return 0;
        }
    }

    private record Handed(List<Pending> messages, CompletableFuture<Integer> sending) {
    }

    private record Pending(long id, String stream, String key, @Nullable String payload) {
    }
}
