package io.ownwatch.router.ingest.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ownwatch.edge.audit.AuditEvent;
import io.ownwatch.edge.audit.AuditTrail;
import io.ownwatch.router.integration.Integration;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The audit of the lean ingest path, as the edge's audit filter keeps it for every other request (the lean path runs
 * in front of that filter, whose "after the chain" cannot see an answer given later from the broker's
 * acknowledgement): an accepted post is counted per integration ({@code ownwatch_audit_counted_total}, the same
 * counter and tags), a refused one is an {@code audit_event} row with the path without its key. Same rows, same
 * counter: the audit API and the dashboards cannot tell the two paths apart.
 */
@Component
class IngestAudit {

    /** The edge audit filter's counter of requests counted instead of recorded. */
    static final String COUNTED = "ownwatch.audit.counted";
    private static final String ANONYMOUS = "anonymous";
    private static final String INTEGRATION_ROLE = "integration";

    private final AuditTrail trail;
    private final MeterRegistry meters;
    private final Clock clock;
    /** Per integration and outcome: registering a counter on every post would cost more than the increment. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    IngestAudit(AuditTrail trail, MeterRegistry meters, Clock clock) {
        this.trail = trail;
        this.meters = meters;
        this.clock = clock;
    }

    /** An accepted post of an integration: one increment, no row, no log line. */
    void accepted(Integration integration, int status) {
        String actor = actor(integration);
        counters.computeIfAbsent(actor + ' ' + status, key -> Counter.builder(COUNTED)
                .description("Accepted requests of machine callers on counted paths, counted instead of audit rows")
                .tag("actor", AuditEvent.clean(actor))
                .tag("method", "POST")
                .tag("outcome", Integer.toString(status))
                .register(meters)).increment();
    }

    /**
     * A refused post: a row, as the audit filter writes it. Never on the broker's I/O thread (a database write).
     *
     * @param integration the integration whose key admitted the request, null when it was refused before that
     * @param path the request path without a key in it
     */
    void refused(Integration integration, String path, int status, String sourceAddress) {
        String actor = AuditEvent.clean(actor(integration));
        String roles = integration == null ? "" : INTEGRATION_ROLE;
        String decoded = AuditEvent.clean(decoded(path));
        String source = AuditEvent.clean(sourceAddress);
        trail.record(new AuditEvent(0, clock.instant(), actor, roles, "POST", decoded, decoded, status, source));
    }

    private static String actor(Integration integration) {
        return integration == null ? ANONYMOUS : "integration:" + integration.name();
    }

    private static String decoded(String path) {
        try {
            return UriUtils.decode(path, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }
}
