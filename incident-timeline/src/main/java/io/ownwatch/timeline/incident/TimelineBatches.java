package io.ownwatch.timeline.incident;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Records a batch of live entries (one poll of {@code incident.timeline.v1}) with the outcome of recording them one
 * by one in order, at the cost of one transaction: {@link TimelineStore#recordAll}. When the batch cannot be recorded
 * together, the entries before the first one that fails are recorded and that one is named, so that the consumer
 * dead-letters or retries it alone.
 */
@Component
public class TimelineBatches {

    private static final Logger log = LoggerFactory.getLogger(TimelineBatches.class);

    private final TimelineStore store;

    TimelineBatches(TimelineStore store) {
        this.store = store;
    }

    /**
     * @return what happened to each entry, in order
     * @throws EntryNotRecorded naming the first entry that could not be recorded; every entry before it is recorded
     */
    public List<TimelineStore.Outcome> record(List<TimelineEntry> entries) {
        try {
            return store.recordAll(entries, TimelineStore.Delivery.LIVE);
        }
        catch (DataAccessResourceFailureException | CannotCreateTransactionException ex) {
            // The database is away: entry by entry would only wait for it again, entry after entry.
            throw new EntryNotRecorded(0, entries.get(0).eventId(), ex);
        }
        catch (SequenceConflict ex) {
            int index = indexOf(entries, ex.entry());
            // Everything before the refused entry was recordable with it, so it is recordable without it.
            store.recordAll(entries.subList(0, index), TimelineStore.Delivery.LIVE);
            throw new EntryNotRecorded(index, ex.entry().eventId(), ex);
        }
        catch (RuntimeException ex) {
            log.warn("A batch of {} timeline entries could not be recorded together ({}); recording them one by one",
                    entries.size(), ex.toString());
            List<TimelineStore.Outcome> outcomes = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                try {
                    outcomes.add(store.record(entries.get(i), TimelineStore.Delivery.LIVE));
                }
                catch (RuntimeException failure) {
                    throw new EntryNotRecorded(i, entries.get(i).eventId(), failure);
                }
            }
            return outcomes;
        }
    }

    private static int indexOf(List<TimelineEntry> entries, TimelineEntry refused) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == refused) {
                return i;
            }
        }
        throw new IllegalStateException("refused entry " + refused.eventId() + " is not in its batch");
    }
}
