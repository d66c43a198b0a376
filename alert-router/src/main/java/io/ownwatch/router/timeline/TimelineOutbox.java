package io.ownwatch.router.timeline;

import io.ownwatch.edge.outbox.Outbox;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Timeline entries on their way to {@code incident.timeline.v1}: appended to the service's transactional outbox
 * (stream {@value #STREAM}, edge module) in the transaction that changes the incident, so state and events always
 * agree. The message key is the incident id, so one incident's entries keep their order on one partition; the
 * per-incident sequence number is taken from {@code incident.next_sequence} by the caller.
 */
@Component
public class TimelineOutbox {

    public static final String STREAM = "timeline";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final Outbox outbox;

    TimelineOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Appends entries in the given order; must run inside the transaction that made the change they describe. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(List<TimelineEntry> entries) {
        outbox.appendAll(STREAM, entries.stream()
                .map(entry -> new Outbox.Message(entry.incidentId().toString(), JSON.writeValueAsString(entry)))
                .toList());
    }

    /** The entry as appended by {@link #append}. */
    public static TimelineEntry read(String payload) {
        return JSON.readValue(payload, TimelineEntry.class);
    }
}
