package io.ownwatch.registry.runbook;

import io.ownwatch.edge.outbox.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approvals and retirements on their way to {@code runbooks.v1}: appended to the service's transactional outbox
 * (stream {@value #STREAM}) in the transaction that makes them, keyed by runbook id.
 */
@Component
public class RunbookOutbox {

    public static final String STREAM = "runbooks";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final Outbox outbox;

    RunbookOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Appends a change; must run inside the transaction that made it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(RunbookChange change) {
        outbox.append(STREAM, change.version().runbookId(), JSON.writeValueAsString(change));
    }

    /** The change as appended by {@link #append}. */
    public static RunbookChange read(String payload) {
        return JSON.readValue(payload, RunbookChange.class);
    }
}
