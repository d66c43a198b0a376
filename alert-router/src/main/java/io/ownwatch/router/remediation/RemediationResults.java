package io.ownwatch.router.remediation;

import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.incident.IncidentJournal;
import io.ownwatch.router.incident.Incidents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what the executor reports, effectively once: the processed-event row, the timeline entry, the request's
 * latest state, a verification window after a success and the escalation's cue after a failure are written in one
 * transaction.
 */
@Component
public class RemediationResults {

    /** Name of this consumer in processed_event. */
    static final String CONSUMER = "alert-router.remediation-result";
    private static final Logger log = LoggerFactory.getLogger(RemediationResults.class);

    private final IncidentJournal journal;
    private final Incidents incidents;
    private final RemediationRequests requests;
    private final RunbookCatalog catalog;
    private final RemediationProperties properties;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    RemediationResults(IncidentJournal journal, Incidents incidents, RemediationRequests requests,
            RunbookCatalog catalog, RemediationProperties properties, TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.journal = journal;
        this.incidents = incidents;
        this.requests = requests;
        this.catalog = catalog;
        this.properties = properties;
        this.transactions = transactions;
        this.events = events;
    }

    /**
     * Records one result; a result recorded before (same event id) changes nothing.
     *
     * @throws ResultForUnknownIncident when the router never opened its incident
     */
    public void record(RemediationResult result) {
        transactions.executeWithoutResult(status -> {
            // The incident first: the lock order of every writer (IncidentJournal).
            Incident incident = journal.lock(result.incidentId())
                    .orElseThrow(() -> new ResultForUnknownIncident(result.incidentId(), result.eventId()));
            if (!incidents.markProcessed(CONSUMER, result.eventId())) {
                log.debug("Remediation result {} already recorded", result.eventId());
                return;
            }
            RemediationDecisions.ResultEntry entry = RemediationDecisions.entryFor(result,
                    requests.runbookVersionOf(result.requestId()));
            journal.record(incident.id(), entry.type(), result.occurredAt(), entry.actor(), entry.attributes());
            requests.recordState(result, result.outcome().name());
            if (entry.verify() && incident.isOpen()) {
                int seconds = requests.verificationSecondsOf(result.requestId()).orElseGet(() -> catalog
                        .approved(result.runbookId()).map(Runbook::verificationSeconds)
                        .orElse(properties.defaultVerificationSeconds()));
                requests.openWindow(result.requestId(), incident.id(), result.runbookId(), result.contentHash(),
                        seconds);
            }
            if (entry.escalate() && incident.isOpen()) {
                events.publishEvent(new RemediationEvent.EscalationNeeded(incident.id(), result.runbookId(),
                        "remediation " + result.outcome().name().toLowerCase(java.util.Locale.ROOT)
                                + (result.reason() == null ? "" : ": " + result.reason())));
            }
            log.info("Remediation {} of runbook {} for incident {}: {}", result.requestId(), result.runbookId(),
                    incident.id(), result.outcome());
        });
    }
}
