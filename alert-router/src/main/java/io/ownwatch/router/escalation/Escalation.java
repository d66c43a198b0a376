package io.ownwatch.router.escalation;

import java.util.Objects;
import java.util.UUID;

/**
 * One incident's escalation as stored.
 *
 * @param serviceId    the owning service whose policy applies, {@code null} for catch-all and restarted escalations
 * @param snapshot     the policy taken at the first step, {@code null} until then
 * @param version      bumped on every change, so a step prepared outside a transaction sees whether it still applies
 * @param attempts     failed attempts of the current step (registry unreachable), for the back-off
 * @param failureNoted the step whose failure is already on the timeline, so it is written once per step
 */
public record Escalation(UUID incidentId, String teamId, String serviceId, PolicySnapshot snapshot,
        EscalationState state, long version, int attempts, String failureNoted) {

    public Escalation {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(state, "state");
    }

    /** Which step is being attempted, the key of "failure already recorded". */
    public String stepKey() {
        return "g" + state.generation() + ":r" + state.round() + ":l" + state.level();
    }

    public Escalation with(EscalationState next) {
        return new Escalation(incidentId, teamId, serviceId, snapshot, next, version, 0, failureNoted);
    }

    public Escalation withSnapshot(PolicySnapshot taken) {
        return new Escalation(incidentId, teamId, serviceId, taken, state, version, attempts, failureNoted);
    }
}
