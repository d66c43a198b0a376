package io.ownwatch.router.remediation;

import io.ownwatch.edge.outbox.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Remediation requests on their way to {@code remediation.requests.v1}: appended to the service's transactional
 * outbox (stream {@value #STREAM}) in the transaction that decided them, keyed by incident id, so a request is sent
 * exactly when the incident and its timeline say it was made.
 */
@Component
public class RequestOutbox {

    public static final String STREAM = "remediation-requests";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final Outbox outbox;

    RequestOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(RemediationRequest request) {
        outbox.append(STREAM, request.incidentId().toString(), JSON.writeValueAsString(request));
    }

    /** The request as appended by {@link #append}. */
    public static RemediationRequest read(String payload) {
        return JSON.readValue(payload, RemediationRequest.class);
    }
}
