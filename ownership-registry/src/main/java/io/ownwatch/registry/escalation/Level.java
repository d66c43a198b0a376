package io.ownwatch.registry.escalation;

import java.util.List;

/**
 * One level of a policy: its targets are notified together; if nobody acknowledges within
 * {@code delayMinutes}, the next level fires.
 */
public record Level(int delayMinutes, List<Target> targets) {

    public Level {
        if (delayMinutes < 0) {
            throw new InvalidEscalationPolicy("delayMinutes", "must not be negative");
        }
        if (targets == null || targets.isEmpty()) {
            throw new InvalidEscalationPolicy("targets", "must contain at least one target");
        }
        targets = List.copyOf(targets);
    }
}
