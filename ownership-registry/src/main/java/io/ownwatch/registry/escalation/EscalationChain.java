package io.ownwatch.registry.escalation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy unrolled into the steps an unacknowledged incident goes through: every level in order,
 * each firing {@code delayMinutes} of the level before it after that one, and after the last level's
 * delay the whole chain again, {@code repeat} more times. Pure, so the router's escalation timers and
 * the registry's "who would be paged when" answer agree by construction.
 */
public final class EscalationChain {

    private EscalationChain() {
    }

    /**
     * One notification of the unrolled chain.
     *
     * @param level   the level, from 1
     * @param round   the pass through the chain, from 1 (round 2 is the first repeat)
     * @param offset  when the step fires, counted from the incident's start (level 1 of round 1 fires at 0)
     * @param targets whom the step notifies
     */
    public record Step(int level, int round, Duration offset, List<Target> targets) {

        public Step {
            targets = List.copyOf(targets);
        }
    }

    /** Every step of the policy, in firing order: {@code (repeat + 1) * levels} steps. */
    public static List<Step> unroll(EscalationPolicy policy) {
        List<Step> steps = new ArrayList<>();
        Duration offset = Duration.ZERO;
        for (int round = 1; round <= policy.repeat() + 1; round++) {
            for (int l = 0; l < policy.levels().size(); l++) {
                Level level = policy.levels().get(l);
                steps.add(new Step(l + 1, round, offset, level.targets()));
                offset = offset.plusMinutes(level.delayMinutes());
            }
        }
        return steps;
    }

    /**
     * How long the whole chain runs before it is exhausted: after the last step's delay nobody else is
     * notified, and an incident still unacknowledged then needs a human to look at the policy.
     */
    public static Duration exhaustedAfter(EscalationPolicy policy) {
        int cycle = policy.levels().stream().mapToInt(Level::delayMinutes).sum();
        return Duration.ofMinutes((long) cycle * (policy.repeat() + 1));
    }
}
