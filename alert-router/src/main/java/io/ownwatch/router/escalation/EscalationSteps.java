package io.ownwatch.router.escalation;

import java.time.Duration;
import java.time.Instant;

/**
 * Escalation stepping as a pure function: the snapshot of the policy, the escalation's state, what happened and the
 * database's now in; a {@link Decision} out. No I/O and no clock of its own, so it is tested exhaustively and the
 * timer worker, the event listeners and a replay all follow the same rules.
 */
public final class EscalationSteps {

    private EscalationSteps() {
    }

    /**
     * Decides the next move.
     *
     * @param snapshot the policy taken when the escalation started; needed for {@link Trigger.Due} only (null before
     *                 the first step fetched it)
     */
    public static Decision next(PolicySnapshot snapshot, EscalationState state, Trigger trigger, Instant now) {
        // Java 17: an instanceof chain over the sealed Trigger, ending in a guard.
        if (trigger instanceof Trigger.Reassigned reassigned) {
            return reassigned.acknowledged()
                    ? (state.status().running() ? new Decision.Stop("reassigned while acknowledged") : new Decision.Unchanged())
                    : new Decision.Restart(reassigned.teamId());
        }
        if (trigger instanceof Trigger.Reopened reopened) {
            // Whatever became of the last chain (stopped on resolve, exhausted), the reopened incident starts a new one.
            return new Decision.Restart(reopened.teamId());
        }
        if (!state.status().running()) {
            return new Decision.Unchanged();
        }
        if (trigger instanceof Trigger.Acknowledged) {
            return new Decision.Stop("acknowledged");
        }
        if (trigger instanceof Trigger.Resolved) {
            return new Decision.Stop("resolved");
        }
        if (trigger instanceof Trigger.FirstPageHeld held) {
            if (state.level() > 0) {
                return new Decision.Unchanged();
            }
            Instant graceEnds = now.plus(held.grace());
            return graceEnds.isAfter(state.dueAt())
                    ? new Decision.Reschedule(graceEnds, state.reason())
                    : new Decision.Unchanged();
        }
        if (trigger instanceof Trigger.EscalateNow urgent) {
            String reason = urgent.runbookId() == null ? urgent.reason()
                    : "remediation " + urgent.runbookId() + ": " + urgent.reason();
            return new Decision.Reschedule(state.dueAt().isBefore(now) ? state.dueAt() : now, reason);
        }
        if (trigger instanceof Trigger.Due due) {
            return due(snapshot, state, due, now);
        }
        throw new IllegalStateException("Unhandled trigger " + trigger);
    }

    private static Decision due(PolicySnapshot snapshot, EscalationState state, Trigger.Due due, Instant now) {
        if (state.dueAt().isAfter(now)) {
            return new Decision.Unchanged();
        }
        if (snapshot == null) {
            throw new IllegalArgumentException("a due step needs the policy snapshot");
        }
        if (due.quiet()) {
            return new Decision.PostQuietly();
        }
        int levels = snapshot.levels().size();
        int round;
        int level;
        if (state.level() == 0) {
            round = 1;
            level = 1;
        } else if (state.level() < levels) {
            round = state.round();
            level = state.level() + 1;
        } else if (state.round() <= snapshot.repeat()) {
            round = state.round() + 1;
            level = 1;
        } else {
            return new Decision.Exhaust(state.round(), levels);
        }
        boolean escalated = round > 1 || level > 1;
        String reason = state.reason() != null ? state.reason() : reason(snapshot, state, round, level);
        PolicySnapshot.Level paged = snapshot.level(level);
        return new Decision.Page(round, level, escalated, escalated ? reason : state.reason(), paged.targets(),
                now.plus(Duration.ofMinutes(paged.delayMinutes())));
    }

    private static String reason(PolicySnapshot snapshot, EscalationState state, int round, int level) {
        int waited = state.level() == 0 ? 0 : snapshot.level(state.level()).delayMinutes();
        if (level == 1) {
            return "not acknowledged after the last level (" + waited + " min): repeat round " + round
                    + " of " + (snapshot.repeat() + 1);
        }
        return "not acknowledged within " + waited + " min of level " + state.level();
    }
}
