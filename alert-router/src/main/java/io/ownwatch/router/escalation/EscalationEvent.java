package io.ownwatch.router.escalation;

import java.util.UUID;

/**
 * What the escalation did, for the features that act on it (remediation). Published synchronously inside the
 * transaction that did it, as {@code io.ownwatch.router.incident.IncidentEvent} is: a listener's writes commit or roll
 * back with the step, so listeners stay local (no remote calls, no waiting). Escalation never calls remediation.
 */
public sealed interface EscalationEvent {

    UUID incidentId();

    /**
     * A level's pages were queued: the first page (level 1 of round 1), an escalation to the next level, or a level of
     * a repeat round. Published once per step however many instances run, since a step fires once; a step of a
     * repeat round, or of a chain restarted after a reassignment, publishes again with its own round.
     *
     * @param level the level paged, from 1
     * @param round the round of the chain, from 1
     */
    record LevelPaged(UUID incidentId, int level, int round) implements EscalationEvent {
    }
}
