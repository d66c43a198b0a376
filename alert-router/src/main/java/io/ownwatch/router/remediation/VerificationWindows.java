package io.ownwatch.router.remediation;

import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.incident.IncidentEvent;
import io.ownwatch.router.incident.IncidentJournal;
import io.ownwatch.router.timeline.TimelineEntryType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ends verification windows. A window is a row due at the database's now plus the runbook's verificationSeconds,
 * so it survives restarts and every router instance agrees when it is due. When its incident resolves, the window
 * closes quietly in the resolving transaction. A window that comes due with the incident still open records
 * REMEDIATION_INEFFECTIVE and asks the escalation to page now; with two instances, the lease (SKIP LOCKED) and the
 * incident lock let exactly one of them do it.
 */
@Component
public class VerificationWindows {

    private static final Logger log = LoggerFactory.getLogger(VerificationWindows.class);

    private final RemediationRequests requests;
    private final IncidentJournal journal;
    private final RemediationProperties.Verification settings;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    VerificationWindows(RemediationRequests requests, IncidentJournal journal, RemediationProperties properties,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.requests = requests;
        this.journal = journal;
        this.settings = properties.verification();
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void onResolved(IncidentEvent.Resolved resolved) {
        int closed = requests.closeWindowsOf(resolved.incidentId());
        if (closed > 0) {
            log.info("Incident {} resolved inside the verification window of {} remediation(s)", resolved.incidentId(),
                    closed);
        }
    }

    /**
     * Ends the windows that are due.
     *
     * @return how many ended as ineffective
     */
    @Scheduled(fixedDelayString = "${ownwatch.router.remediation.verification.poll-every:1s}")
    public int endDueWindows() {
        int ineffective = 0;
        // The lease commits on its own; each window then ends in its own transaction, incident locked first.
        for (RemediationRequests.Window leased : requests.leaseDue(settings.batchSize(), settings.leaseSeconds())) {
            if (Boolean.TRUE.equals(transactions.execute(status -> end(leased)))) {
                ineffective++;
            }
        }
        return ineffective;
    }

    private boolean end(RemediationRequests.Window leased) {
        Optional<Incident> incident = journal.lock(leased.incidentId());
        Optional<RemediationRequests.Window> window = requests.lockWindow(leased.requestId());
        if (window.isEmpty()) {
            return false;
        }
        requests.closeWindow(leased.requestId());
        if (incident.isEmpty()) {
            return false;
        }
        RemediationDecisions.Verdict verdict = RemediationDecisions.verdict(incident.get(), window.get().dueAt());
        if (verdict == RemediationDecisions.Verdict.EFFECTIVE) {
            return false;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("requestId", window.get().requestId());
        attributes.put("runbookId", window.get().runbookId());
        attributes.put("contentHash", window.get().contentHash());
        attributes.put("reason", verdict == RemediationDecisions.Verdict.INEFFECTIVE
                ? "the incident is still open at the end of the verification window"
                : "the incident resolved only after the verification window");
        attributes.put("verificationEndedAt", window.get().dueAt().toString());
        journal.record(leased.incidentId(), TimelineEntryType.REMEDIATION_INEFFECTIVE, clock.instant(),
                RemediationDecisions.TRIGGER, attributes);
        requests.recordState(new RemediationResult("verification:" + leased.requestId(), leased.requestId(),
                leased.incidentId(), leased.runbookId(), leased.contentHash(), RemediationResult.Outcome.INEFFECTIVE,
                attributes.get("reason"), java.util.List.of(), null, clock.instant()),
                RemediationResult.Outcome.INEFFECTIVE.name());
        if (verdict == RemediationDecisions.Verdict.INEFFECTIVE) {
            events.publishEvent(new RemediationEvent.EscalationNeeded(leased.incidentId(), leased.runbookId(),
                    "remediation ineffective: the incident is still open after its verification window"));
        }
        log.info("Remediation {} of runbook {} was ineffective for incident {}", leased.requestId(),
                leased.runbookId(), leased.incidentId());
        return true;
    }
}
