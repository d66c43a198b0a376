package io.ownwatch.router.escalation;

import io.ownwatch.router.incident.IncidentEvent;
import io.ownwatch.router.incident.IncidentJournal;
import io.ownwatch.router.incident.IncidentStatus;
import io.ownwatch.router.remediation.RemediationEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves escalations when something happens to their incident or its remediation. Runs inside the transaction that
 * changed the incident (the incident row is locked first, then the escalation: the lock order of every writer), so a
 * timer row exists exactly when its incident does and an acknowledgement stops the next step atomically. Local work
 * only: the registry is asked by the timer worker, never here.
 */
@Component
class EscalationTriggers {

    private static final Logger log = LoggerFactory.getLogger(EscalationTriggers.class);

    private final Escalations escalations;
    private final IncidentJournal journal;

    EscalationTriggers(Escalations escalations, IncidentJournal journal) {
        this.escalations = escalations;
        this.journal = journal;
    }

    /** A new incident: its first step is due now (database time); the worker pages level 1. */
    @EventListener
    @Order(0)
    @Transactional
    public void opened(IncidentEvent.Opened opened) {
        escalations.start(opened.incidentId(), opened.incident().teamId(), opened.incident().serviceId());
    }

    @EventListener
    @Transactional
    public void acknowledged(IncidentEvent.Acknowledged acknowledged) {
        move(acknowledged.incidentId(), new Trigger.Acknowledged());
    }

    @EventListener
    @Transactional
    public void resolved(IncidentEvent.Resolved resolved) {
        move(resolved.incidentId(), new Trigger.Resolved());
    }

    @EventListener
    @Transactional
    public void reassigned(IncidentEvent.Reassigned reassigned) {
        move(reassigned.incidentId(), new Trigger.Reassigned(reassigned.incident().teamId(),
                reassigned.incident().status() == IncidentStatus.ACKNOWLEDGED));
    }

    /**
     * A reopened incident escalates again from level 1, on a fresh snapshot of its team's policy, with new page ids
     * (the next generation). An incident older than escalation has no row yet: it gets one, due at once.
     */
    @EventListener
    @Order(0)
    @Transactional
    public void reopened(IncidentEvent.Reopened reopened) {
        if (journal.lock(reopened.incidentId()).isPresent()
                && escalations.findForUpdate(reopened.incidentId()).isEmpty()) {
            escalations.start(reopened.incidentId(), reopened.incident().teamId(), reopened.incident().serviceId());
            return;
        }
        move(reopened.incidentId(), new Trigger.Reopened(reopened.incident().teamId()));
    }

    @EventListener
    @Transactional
    public void firstPageHeld(RemediationEvent.FirstPageHeld held) {
        move(held.incidentId(), new Trigger.FirstPageHeld(held.runbookId(), held.grace()));
    }

    @EventListener
    @Transactional
    public void escalationNeeded(RemediationEvent.EscalationNeeded needed) {
        move(needed.incidentId(), new Trigger.EscalateNow(needed.runbookId(), needed.reason()));
    }

    private void move(UUID incidentId, Trigger trigger) {
        if (journal.lock(incidentId).isEmpty()) {
            return;
        }
        Optional<Escalation> found = escalations.findForUpdate(incidentId);
        if (found.isEmpty()) {
            return;
        }
        Escalation escalation = found.get();
        EscalationState state = escalation.state();
        Instant now = escalations.now();
        Decision decision = EscalationSteps.next(escalation.snapshot(), state, trigger, now);
        if (decision instanceof Decision.Stop stop) {
            escalations.update(escalation.with(new EscalationState(EscalationState.Status.STOPPED, state.generation(),
                    state.round(), state.level(), null, null)));
            log.info("Escalation of incident {} stopped: {}", incidentId, stop.why());
        } else if (decision instanceof Decision.Restart restart) {
            // The new team's policy is taken at the restarted chain's first step, by the worker.
            escalations.update(new Escalation(incidentId, restart.teamId(), null, null,
                    EscalationState.start(state.generation() + 1, now), escalation.version(), 0, null));
            log.info("Escalation of incident {} restarted for team {}", incidentId, restart.teamId());
        } else if (decision instanceof Decision.Reschedule reschedule) {
            escalations.update(escalation.with(new EscalationState(state.status(), state.generation(), state.round(),
                    state.level(), reschedule.dueAt(), reschedule.reason())));
            log.info("Escalation of incident {}: next step at {} ({})", incidentId, reschedule.dueAt(), trigger);
        }
    }
}
