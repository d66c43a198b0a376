package io.ownwatch.router.escalation;

import java.util.List;
import java.util.Objects;

/**
 * An escalation policy as the registry had it when the escalation took it, kept on the escalation (jsonb): a policy
 * edited or deleted while an incident escalates does not change that escalation (the grafana/oncall snapshot idea).
 *
 * @param policyId the registry's policy id, or {@code null} for the team-channels-only fallback
 * @param teamId   the team the escalation pages for
 * @param repeat   how many more times the whole chain runs after its first pass
 * @param levels   the levels in order, at least one
 */
public record PolicySnapshot(String policyId, String teamId, int repeat, List<Level> levels) {

    public PolicySnapshot {
        Objects.requireNonNull(teamId, "teamId");
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat must not be negative");
        }
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("a policy has at least one level");
        }
        levels = List.copyOf(levels);
    }

    /** What a team without a usable policy gets: one post to its own channels, no repeat. */
    public static PolicySnapshot teamChannelsOnly(String teamId) {
        return new PolicySnapshot(null, teamId, 0,
                List.of(new Level(0, List.of(new Target(TargetType.TEAM_CHANNEL, teamId)))));
    }

    /** The level with this number, from 1. */
    public Level level(int number) {
        return levels.get(number - 1);
    }

    /** One level: its targets are notified together; the next level follows after {@code delayMinutes}. */
    public record Level(int delayMinutes, List<Target> targets) {

        public Level {
            if (delayMinutes < 0) {
                throw new IllegalArgumentException("delayMinutes must not be negative");
            }
            targets = targets == null ? List.of() : List.copyOf(targets);
        }
    }

    /** Whom a level notifies: whoever a schedule has on call at the step, a named person, or a team's channels. */
    public record Target(TargetType type, String id) {

        public Target {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
        }
    }

    /** The registry's target types. */
    public enum TargetType {
        SCHEDULE, PERSON, TEAM_CHANNEL
    }
}
