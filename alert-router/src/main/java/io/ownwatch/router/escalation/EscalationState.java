package io.ownwatch.router.escalation;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an incident's escalation stands.
 *
 * @param status     whether it still runs
 * @param generation 1, then one more each time a reassignment restarts it (part of the notification ids)
 * @param round      the pass through the chain of the last page, from 1
 * @param level      the level last paged, 0 before the first page
 * @param dueAt      when the next step fires (database time), {@code null} once it stopped
 * @param reason     why the next step was brought forward (a failed remediation), {@code null} when it fires on time
 */
public record EscalationState(Status status, int generation, int round, int level, Instant dueAt, String reason) {

    public EscalationState {
        Objects.requireNonNull(status, "status");
        if (status.running() != (dueAt != null)) {
            throw new IllegalArgumentException("a running escalation has a deadline, a stopped one none");
        }
    }

    /** A new escalation (or a restarted one), its first step due at {@code at}. */
    public static EscalationState start(int generation, Instant at) {
        return new EscalationState(Status.PENDING, generation, 1, 0, at, null);
    }

    /** The states of an escalation. */
    public enum Status {
        /** Level 1 has not paged yet. */
        PENDING,
        /** Paged at least once, waiting for the next level's deadline. */
        RUNNING,
        /** Acknowledged, resolved, or quiet (low severity, team channels told once). */
        STOPPED,
        /** Every level of every round paged, nobody acknowledged. */
        EXHAUSTED;

        public boolean running() {
            return this == PENDING || this == RUNNING;
        }
    }
}
