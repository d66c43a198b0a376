package io.ownwatch.router.remediation.kafka;

import io.ownwatch.edge.outbox.BindingStream;
import io.ownwatch.router.remediation.RequestOutbox;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's remediation requests through the {@code remediationRequests-out-0} binding (sync, acks=all)
 * to {@code remediation.requests.v1}, keyed by incident id so one incident's requests stay in order.
 */
@Component
class RemediationRequestStream extends BindingStream {

    static final String BINDING = "remediationRequests-out-0";

    RemediationRequestStream(StreamBridge streamBridge) {
        super(streamBridge, RequestOutbox.STREAM, BINDING);
    }

    @Override
    protected Object value(String incidentId, @Nullable String payload) {
        return RemediationContracts.toEvent(
                RequestOutbox.read(Objects.requireNonNull(payload, "a remediation request is never a tombstone")));
    }
}
