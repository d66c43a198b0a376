package io.ownwatch.edge.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Relays the outbox on its own thread and hands each message to the stream it was appended under. It drains the
 * backlog, then waits until a transaction of this instance that appended commits, or the poll delay passes (other
 * instances' messages are found by polling), so that a message is on its way as soon as it is committed. It starts
 * after the rest of the context (the bindings it sends through are ready) and stops before it.
 */
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** How often published messages past their retention are deleted; a minute's worth of a burst at most waits. */
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    private static final int PRUNE_BATCH = 10_000;
    /** How long a wake-up waits for more commits before it relays them together. */
    private static final Duration GATHER = Duration.ofMillis(20);

    private final Outbox outbox;
    private final Map<String, OutboxStream> streams;
    private final OutboxProperties properties;
    private volatile ExecutorService poller;
    private volatile boolean running;

    OutboxRelay(Outbox outbox, List<OutboxStream> streams, OutboxProperties properties) {
        this.outbox = outbox;
        this.streams = streams.stream().collect(Collectors.toUnmodifiableMap(OutboxStream::name, Function.identity()));
        this.properties = properties;
    }

    /** Publishes until a batch comes back short, so a backlog drains without a poll delay per batch. */
    int drain() {
        int total = 0;
        int published;
        do {
            published = outbox.relay(properties.batchSize(), streams);
            total += published;
        } while (published == properties.batchSize());
        return total;
    }

    /** Deletes the messages published longer ago than the retention, a bounded number per statement. */
    int prune() {
        int total = 0;
        int deleted;
        do {
            deleted = outbox.prune(properties.retention(), PRUNE_BATCH);
            total += deleted;
        } while (deleted == PRUNE_BATCH && running);
        return total;
    }

    @Override
    public void start() {
        running = true;
        poller = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        poller.execute(this::relayUntilStopped);
    }

    private void relayUntilStopped() {
        long nextPrune = System.nanoTime();
        while (running) {
            try {
                drain();
                if (System.nanoTime() - nextPrune >= 0) {
                    nextPrune = System.nanoTime() + PRUNE_EVERY.toNanos();
                    prune();
                }
            }
            catch (RuntimeException ex) {
                // The database is unreachable, for instance: wait for the next poll rather than spin.
                log.warn("Outbox relay poll failed; retrying in {}: {}", properties.pollDelay(), ex.getMessage());
            }
            try {
                outbox.awaitAppended(properties.pollDelay().toMillis());
                // Under a burst every writer commits many times a second: a pass per commit cost the database more
                // than the messages did. Commits within a gather interval share one pass.
                Thread.sleep(GATHER.toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void stop() {
        ExecutorService relaying = poller;
        if (relaying != null) {
            running = false;
            outbox.wake();
            relaying.shutdown();
            try {
                relaying.awaitTermination(10, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** Late in start-up, early in shutdown: after and before the message bindings it sends through. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
