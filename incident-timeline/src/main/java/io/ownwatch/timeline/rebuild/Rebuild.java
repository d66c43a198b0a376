package io.ownwatch.timeline.rebuild;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.ownwatch.timeline.incident.SequenceConflict;
import io.ownwatch.timeline.incident.TimelineStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the store and the projection: truncates both, then replays the topic from its beginning up to the end
 * offsets captured at the start, through the same idempotent {@link TimelineStore#record} the live consumer uses,
 * so the result is what live consumption produced. Live consumption carries on meanwhile: what it records is
 * either new (beyond the captured ends) or the same entry, ignored as a duplicate. Replayed entries record no
 * MTTA/MTTR metrics, which were recorded when the incidents happened. While it runs, queries see a partial store.
 */
@Component
public class Rebuild implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);

    private final TimelineStore store;
    private final TimelineSource source;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<RebuildStatus> status = new AtomicReference<>(RebuildStatus.idle());
    private final SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("rebuild-");

    Rebuild(TimelineStore store, TimelineSource source) {
        this.store = store;
        this.source = source;
    }

    /**
     * Starts a rebuild in the background.
     *
     * @throws RebuildAlreadyRunning if one is running
     */
    public RebuildStatus start() {
        RebuildStatus current = status.get();
        RebuildStatus running = new RebuildStatus(RebuildStatus.State.RUNNING, clock.instant(), null, 0, 0, 0, 0, null);
        if (current.state() == RebuildStatus.State.RUNNING || !status.compareAndSet(current, running)) {
            throw new RebuildAlreadyRunning(status.get());
        }
        executor.execute(() -> run(running));
        return running;
    }

    public RebuildStatus status() {
        return status.get();
    }

    private void run(RebuildStatus started) {
        AtomicLong recorded = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        try {
            log.info("Rebuild: truncating the timeline and replaying it from the topic");
            store.truncate();
            TimelineSource.Read read = source.replay(entry -> {
                try {
                    switch (store.record(entry, TimelineStore.Delivery.REPLAY)) {
                        case RECORDED -> recorded.incrementAndGet();
                        case DUPLICATE -> duplicates.incrementAndGet();
                    }
                }
                catch (SequenceConflict ex) {
                    // Refused when first consumed too (dead-lettered): refusing it again keeps the same result.
                    conflicts.incrementAndGet();
                }
            });
            status.set(new RebuildStatus(RebuildStatus.State.DONE, started.startedAt(), clock.instant(), read.records(),
                    recorded.get(), duplicates.get(), read.undecodable() + conflicts.get(), null));
            log.info("Rebuild done: {}", status.get());
        }
        catch (RuntimeException ex) {
            log.error("Rebuild failed", ex);
            status.set(new RebuildStatus(RebuildStatus.State.FAILED, started.startedAt(), clock.instant(), 0,
                    recorded.get(), duplicates.get(), conflicts.get(), ex.getMessage()));
        }
    }

    @Override
    public void destroy() {
        executor.close();
    }
}
