package io.ownwatch.router.remediation.kafka;

import io.ownwatch.edge.outbox.ProducerStream;
import io.ownwatch.router.remediation.RequestOutbox;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Publishes the outbox's remediation requests to the destination of {@code remediationRequests-out-0}
 * ({@code remediation.requests.v1}), keyed by incident id so one incident's requests stay in order. It has a producer
 * of its own (acks=all, idempotent) rather than the synchronous binding: when thousands of incidents open at once,
 * their requests go out in a few broker round trips instead of one each, and the relay does not wait for them before
 * it hands over the timeline entries that follow.
 */
@Component
class RemediationRequestStream extends ProducerStream {

    static final String BINDING = "remediationRequests-out-0";

    RemediationRequestStream(Environment environment) {
        super(environment, RequestOutbox.STREAM, BINDING, "alert-router-remediation-relay");
    }

    @Override
    protected Object value(String incidentId, @Nullable String payload) {
        return RemediationContracts.toEvent(
                RequestOutbox.read(Objects.requireNonNull(payload, "a remediation request is never a tombstone")));
    }
}
