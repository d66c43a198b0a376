package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.ownership.Owner;
import io.ownwatch.router.ownership.OwnerResolver;
import io.ownwatch.router.timeline.TimelineEntry;
import io.ownwatch.router.timeline.TimelineEntryType;
import io.ownwatch.router.timeline.TimelineOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies what an alert does to the incidents, effectively once: the processed-event row, the
 * incident change and its timeline entries are written in one transaction. The registry is asked
 * for the owner before that transaction opens, so a slow registry never holds a database
 * connection or lock.
 */
@Component
public class IncidentRouting {

    /** Name of this consumer in processed_event. */
    static final String CONSUMER = "alert-router.route-alert";
    private static final Logger log = LoggerFactory.getLogger(IncidentRouting.class);

    private final Incidents incidents;
    private final OwnerResolver owners;
    private final TimelineOutbox timeline;
    private final TransactionTemplate transactions;
    private final Clock clock;

    IncidentRouting(Incidents incidents, OwnerResolver owners, TimelineOutbox timeline,
            TransactionTemplate transactions, Clock clock) {
        this.incidents = incidents;
        this.owners = owners;
        this.timeline = timeline;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Routes one alert event; a redelivered event changes nothing. */
    public void route(Alert alert) {
        // Every log line about this alert, and about its incident once known, carries their ids.
        try (MDC.MDCCloseable dedupKey = MDC.putCloseable("dedupKey", alert.dedupKey())) {
            routeLogged(alert);
        }
    }

    private void routeLogged(Alert alert) {
        if (incidents.isProcessed(CONSUMER, alert.eventId())) {
            log.debug("Alert event {} already processed", alert.eventId());
            return;
        }
        Instant now = clock.instant();
        Decision preview = IncidentDecisions.decide(alert, incidents.findOpen(alert.dedupKey()), now);
        Owner owner = preview instanceof Decision.OpenIncident ? owners.resolve(alert.labels()) : null;
        transactions.executeWithoutResult(status -> {
            if (!incidents.markProcessed(CONSUMER, alert.eventId())) {
                return;
            }
            // Decide again on locked state: the preview was taken without a lock.
            Decision decision = IncidentDecisions.decide(alert, incidents.findOpenForUpdate(alert.dedupKey()), now);
            knownIncident(decision).ifPresent(id -> MDC.put("incidentId", id));
            try {
                apply(decision, owner);
            } finally {
                MDC.remove("incidentId");
            }
        });
    }

    // Java 17 has no pattern switch: an instanceof chain over the sealed Decision, ending in a guard.
    private void apply(Decision decision, Owner owner) {
        if (decision instanceof Decision.OpenIncident open) {
            if (owner == null) {
                // The open incident closed between preview and lock; the binder retries the event.
                throw new IncidentChangedConcurrently(open.alert().dedupKey());
            }
            this.open(open, owner);
        } else if (decision instanceof Decision.Deduplicate repeat) {
            Incident incident = repeat.incident();
            incidents.update(new Incident(incident.id(), incident.dedupKey(), incident.status(), incident.serviceId(),
                    incident.teamId(), incident.severity(), incident.summary(), incident.openedAt(),
                    later(incident.lastSeenAt(), repeat.alert().receivedAt()), null,
                    incident.alertCount() + 1, incident.nextSequence()));
            log.info("Alert {} repeated on incident {} ({} alerts)", repeat.alert().dedupKey(), incident.id(),
                    incident.alertCount() + 1);
        } else if (decision instanceof Decision.Resolve resolve) {
            Incident incident = resolve.incident();
            Instant resolvedAt = later(incident.openedAt(), resolve.alert().receivedAt());
            incidents.update(new Incident(incident.id(), incident.dedupKey(), IncidentStatus.RESOLVED,
                    incident.serviceId(), incident.teamId(), incident.severity(), incident.summary(),
                    incident.openedAt(), incident.lastSeenAt(), resolvedAt, incident.alertCount(),
                    incident.nextSequence() + 1));
            timeline.append(List.of(entry(incident, incident.nextSequence(), TimelineEntryType.RESOLVED, resolvedAt,
                    Map.of("dedupKey", incident.dedupKey(), "alertEventId", resolve.alert().eventId()))));
            log.info("Incident {} resolved by alert event {}", incident.id(), resolve.alert().eventId());
        } else if (decision instanceof Decision.Ignore ignore) {
            log.info("Alert event {} ignored: {}", ignore.alert().eventId(), ignore.reason());
        } else {
            throw new IllegalStateException("Unhandled decision " + decision);
        }
    }

    /** The existing incident a decision is about; a new incident gets its id when it is opened. */
    private static Optional<String> knownIncident(Decision decision) {
        if (decision instanceof Decision.Deduplicate repeat) {
            return Optional.of(repeat.incident().id().toString());
        }
        if (decision instanceof Decision.Resolve resolve) {
            return Optional.of(resolve.incident().id().toString());
        }
        return Optional.empty();
    }

    private void open(Decision.OpenIncident open, Owner owner) {
        Alert alert = open.alert();
        String serviceId = owner instanceof Owner.Resolved resolved ? resolved.serviceId() : null;
        // Response times count from when we received the alert, not from when we got to it.
        Instant openedAt = alert.receivedAt();
        Incident incident = new Incident(UUID.randomUUID(), alert.dedupKey(), IncidentStatus.OPEN, serviceId,
                owner.teamId(), alert.severity(), alert.summary(), openedAt, openedAt, null, 1, 3);
        MDC.put("incidentId", incident.id().toString());
        incidents.insert(incident);
        TimelineEntry opened = entry(incident, 1, TimelineEntryType.INCIDENT_OPENED, openedAt,
                Map.of("dedupKey", alert.dedupKey(), "alertEventId", alert.eventId(), "source", alert.source().name()));
        TimelineEntry ownerEntry = owner instanceof Owner.Resolved resolved
                ? entry(incident, 2, TimelineEntryType.OWNER_RESOLVED, later(openedAt, open.at()),
                        attributes("serviceName", resolved.serviceName(), "teamName", resolved.teamName(),
                                "escalationPolicyId", resolved.escalationPolicyId()))
                : entry(incident, 2, TimelineEntryType.OWNER_UNKNOWN, later(openedAt, open.at()),
                        attributes("reason", ((Owner.Unknown) owner).reason(), "catchAllTeam", owner.teamId()));
        timeline.append(List.of(opened, ownerEntry));
        log.info("Incident {} opened for alert {} and assigned to team {}", incident.id(), alert.dedupKey(), owner.teamId());
    }

    private static TimelineEntry entry(Incident incident, long sequence, TimelineEntryType type, Instant at,
            Map<String, String> attributes) {
        return new TimelineEntry(UUID.randomUUID(), incident.id(), sequence, type, at, TimelineEntry.Actor.ALERT_ROUTER,
                incident.serviceId(), incident.teamId(), incident.severity(), incident.summary(), attributes);
    }

    /** Attributes without the null values: the contract's map holds strings only. */
    private static Map<String, String> attributes(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
