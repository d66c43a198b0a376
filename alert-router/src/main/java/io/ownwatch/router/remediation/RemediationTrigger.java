package io.ownwatch.router.remediation;

import io.ownwatch.router.escalation.EscalationEvent;
import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.incident.IncidentAlert;
import io.ownwatch.router.incident.IncidentAlreadyResolved;
import io.ownwatch.router.incident.IncidentEvent;
import io.ownwatch.router.incident.IncidentJournal;
import io.ownwatch.router.incident.IncidentNotFound;
import io.ownwatch.router.incident.Incidents;
import io.ownwatch.router.timeline.TimelineEntry;
import io.ownwatch.router.timeline.TimelineEntryType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Requests remediations: the automatic runbooks of a new incident, in the transaction that opened it (after the
 * escalation's listener, so a held first page finds its escalation); the automatic runbooks triggered at a later
 * escalation level, in the transaction of the escalation step that paged that level; and any applicable runbook a
 * responder asks for. Each request is stored, put in the outbox for {@code remediation.requests.v1} and written on
 * the timeline together; the catalog is local, so nothing here waits on another service.
 */
@Component
public class RemediationTrigger {

    private static final Logger log = LoggerFactory.getLogger(RemediationTrigger.class);

    private final RunbookCatalog catalog;
    private final RemediationRequests requests;
    private final RequestOutbox outbox;
    private final IncidentJournal journal;
    private final Incidents incidents;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RemediationTrigger(RunbookCatalog catalog, RemediationRequests requests, RequestOutbox outbox,
            IncidentJournal journal, Incidents incidents, TransactionTemplate transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.catalog = catalog;
        this.requests = requests;
        this.outbox = outbox;
        this.journal = journal;
        this.incidents = incidents;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    @Order(10)
    void onOpened(IncidentEvent.Opened opened) {
        Incident incident = opened.incident();
        if (incident.serviceId() == null) {
            return;
        }
        Instant now = clock.instant();
        for (RemediationDecisions.Trigger trigger : RemediationDecisions.onOpened(incident, opened.alert().labels(),
                catalog.approvedFor(incident.serviceId()), now)) {
            if (trigger instanceof RemediationDecisions.Requested requested) {
                if (send(requested.request(), RemediationDecisions.requestedAttributes(requested.request(), "automatic"))
                        && requested.runbook().gracePeriodSeconds() > 0) {
                    events.publishEvent(new RemediationEvent.FirstPageHeld(incident.id(),
                            requested.runbook().runbookId(),
                            Duration.ofSeconds(requested.runbook().gracePeriodSeconds())));
                }
            } else if (trigger instanceof RemediationDecisions.ParametersMissing missing) {
                journal.record(incident.id(), TimelineEntryType.NOTE_ADDED, now, RemediationDecisions.TRIGGER,
                        RemediationDecisions.missingParametersNote(missing));
                log.info("Automatic runbook {} not requested for incident {}: no label for {}",
                        missing.runbook().runbookId(), incident.id(), missing.names());
            } else {
                throw new IllegalStateException("Unhandled trigger " + trigger);
            }
        }
    }

    /**
     * The escalation paged a level: the automatic runbooks triggered at that level are requested, each once per
     * incident and runbook version (a repeat round or a restarted chain pages the level again and requests nothing
     * new). A runbook whose parameters lack labels gets the same note as on open, in the first round only, so a
     * repeating chain does not repeat it. Runs in the escalation step's transaction, on the locked incident.
     */
    @EventListener
    void onLevelPaged(EscalationEvent.LevelPaged paged) {
        if (paged.level() <= Runbook.WHEN_OPENED) {
            return;
        }
        Incident incident = journal.lock(paged.incidentId()).orElse(null);
        if (incident == null || !incident.isOpen() || incident.serviceId() == null) {
            return;
        }
        Instant now = clock.instant();
        List<Map<String, String>> alertLabels = incidents.alertsOf(incident.id()).stream()
                .map(IncidentAlert::labels)
                .toList();
        for (RemediationDecisions.Trigger trigger : RemediationDecisions.onLevelPaged(incident, paged.level(),
                alertLabels, catalog.approvedFor(incident.serviceId()), now)) {
            if (trigger instanceof RemediationDecisions.Requested requested) {
                send(requested.request(), RemediationDecisions.requestedAttributes(requested.request(), paged.level()));
            } else if (trigger instanceof RemediationDecisions.ParametersMissing missing) {
                if (paged.round() == 1) {
                    journal.record(incident.id(), TimelineEntryType.NOTE_ADDED, now, RemediationDecisions.TRIGGER,
                            RemediationDecisions.missingParametersNote(missing, paged.level()));
                }
                log.info("Automatic runbook {} of level {} not requested for incident {}: no label for {}",
                        missing.runbook().runbookId(), paged.level(), incident.id(), missing.names());
            } else {
                throw new IllegalStateException("Unhandled trigger " + trigger);
            }
        }
    }

    /**
     * A person asks for an applicable runbook of an open incident. The executor decides about approval.
     *
     * @param mayAct the caller's access rule, checked on the locked incident
     * @throws IncidentNotFound when there is no such incident
     * @throws IncidentAlreadyResolved when it is resolved
     * @throws UnknownRunbook when no approved version of the runbook is held
     * @throws RunbookNotApplicable when it is not meant for the incident or its alerts lack required parameters
     */
    public RemediationRequest requestByPerson(UUID incidentId, String runbookId, String person, String reason,
            Consumer<Incident> mayAct) {
        return transactions.execute(status -> {
            Incident incident = journal.lock(incidentId).orElseThrow(() -> new IncidentNotFound(incidentId));
            mayAct.accept(incident);
            if (!incident.isOpen()) {
                throw new IncidentAlreadyResolved(incidentId);
            }
            Runbook runbook = catalog.approved(runbookId).orElseThrow(() -> new UnknownRunbook(runbookId));
            List<IncidentAlert> matching = incidents.alertsOf(incidentId).stream()
                    .filter(alert -> runbook.appliesTo(incident.serviceId(), alert.labels()))
                    .toList();
            if (matching.isEmpty()) {
                throw new RunbookNotApplicable(runbookId, incidentId,
                        "it is not meant for this incident's service or alerts");
            }
            Map<String, String> labels = matching.get(0).labels();
            ParameterBinding binding = ParameterBinding.bind(runbook, labels);
            if (binding instanceof ParameterBinding.Missing missing) {
                throw new RunbookNotApplicable(runbookId, incidentId,
                        "the incident's alert has no label for required parameter(s) " + String.join(", ", missing.names()));
            }
            RemediationRequest request = RemediationDecisions.request(UUID.randomUUID().toString(), incident, runbook,
                    labels, ((ParameterBinding.Bound) binding).parameters(),
                    new TimelineEntry.Actor(TimelineEntry.Actor.Kind.PERSON, person),
                    reason == null || reason.isBlank() ? "requested by " + person : reason.strip(), clock.instant());
            send(request, RemediationDecisions.requestedAttributes(request,
                    runbook.automatic() ? "automatic" : "needs-approval"));
            return request;
        });
    }

    /** What a responder may ask for: the approved runbooks meant for the incident, and its requests so far. */
    public Offer offer(UUID incidentId) {
        Incident incident = incidents.findById(incidentId).orElseThrow(() -> new IncidentNotFound(incidentId));
        List<IncidentAlert> alerts = incidents.alertsOf(incidentId);
        List<Runbook> applicable = incident.serviceId() == null ? List.of()
                : catalog.approvedFor(incident.serviceId()).stream()
                        .filter(runbook -> alerts.stream()
                                .anyMatch(alert -> runbook.appliesTo(incident.serviceId(), alert.labels())))
                        .sorted(Comparator.comparing(Runbook::runbookId))
                        .toList();
        return new Offer(incident, applicable, requests.ofIncident(incidentId));
    }

    /** The runbooks a responder may ask for, and the incident's requests with their latest state. */
    public record Offer(Incident incident, List<Runbook> runbooks, List<RemediationRequests.RequestState> requests) {
    }

    /** Stores, sends and records a request; {@code false} when it was made before (same id). */
    private boolean send(RemediationRequest request, Map<String, String> timelineAttributes) {
        if (!requests.insert(request)) {
            log.debug("Remediation request {} exists already", request.requestId());
            return false;
        }
        outbox.append(request);
        journal.record(request.incidentId(), TimelineEntryType.REMEDIATION_REQUESTED, request.requestedAt(),
                request.requestedBy(), timelineAttributes);
        log.info("Remediation {} of runbook {} v{} requested for incident {} by {}", request.requestId(),
                request.runbookId(), request.runbookVersion(), request.incidentId(), request.requestedBy().id());
        return true;
    }
}
