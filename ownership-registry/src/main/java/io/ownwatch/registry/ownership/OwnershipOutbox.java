package io.ownwatch.registry.ownership;

import io.ownwatch.edge.outbox.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Ownership changes on their way to {@code ownership.v1}: appended to the service's transactional outbox (stream
 * {@value #STREAM}) in the transaction that makes them, so the registry and the topic always agree.
 */
@Component
public class OwnershipOutbox {

    public static final String STREAM = "ownership";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final Outbox outbox;

    OwnershipOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Appends a change; must run inside the transaction that made it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(OwnershipChange change) {
        outbox.append(STREAM, change.serviceId(), change.isDeletion() ? null : JSON.writeValueAsString(change));
    }

    /** The change as appended by {@link #append}. */
    public static OwnershipChange read(String payload) {
        return JSON.readValue(payload, OwnershipChange.class);
    }
}
