package io.ownwatch.router.escalation;

import java.time.Instant;
import java.util.List;

/** What an escalation does next; {@link EscalationSteps} decides, the adapters carry it out. */
public sealed interface Decision {

    /**
     * Notify one level's targets.
     *
     * @param escalated true for every step after the very first page (level 2 on, or a repeat round): the timeline
     *                  gets ESCALATED for it, the first page does not
     * @param reason    why it fires, for the ESCALATED entry
     * @param nextDueAt when the step after this one fires
     */
    record Page(int round, int level, boolean escalated, String reason, List<PolicySnapshot.Target> targets,
            Instant nextDueAt) implements Decision {

        public Page {
            targets = List.copyOf(targets);
        }
    }

    /** Low severity: the team's channels are told once, nobody is paged, the escalation stops. */
    record PostQuietly() implements Decision {
    }

    /** Every level of every round paged: the escalation stops, the timeline says ESCALATION_EXHAUSTED. */
    record Exhaust(int rounds, int levels) implements Decision {
    }

    /** Acknowledged, resolved, or reassigned while acknowledged: no more steps. */
    record Stop(String why) implements Decision {
    }

    /**
     * Reassigned while unacknowledged, or reopened: start over on the (new) team's policy, taken afresh, first step
     * due at once.
     */
    record Restart(String teamId) implements Decision {
    }

    /** The next step fires at another time, for a reason the next ESCALATED entry names. */
    record Reschedule(Instant dueAt, String reason) implements Decision {
    }

    /** Nothing to do. */
    record Unchanged() implements Decision {
    }
}
