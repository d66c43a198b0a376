package io.ownwatch.registry.escalation;

import java.util.List;

import io.ownwatch.registry.Slug;

/**
 * How an incident of a team escalates: the levels in order, then the whole chain again {@code repeat} more times.
 *
 * @param version optimistic-lock version, 0 for a new policy
 */
public record EscalationPolicy(String id, String name, String teamId, int repeat, List<Level> levels, long version) {

    /** More repeats than this only page the same people all night. */
    public static final int MAX_REPEAT = 10;

    public EscalationPolicy {
        Slug.require(id, "escalation policy id");
        if (name == null || name.isBlank()) {
            throw new InvalidEscalationPolicy("name", "must not be blank");
        }
        if (teamId == null || teamId.isBlank()) {
            throw new InvalidEscalationPolicy("teamId", "must name a team");
        }
        if (repeat < 0 || repeat > MAX_REPEAT) {
            throw new InvalidEscalationPolicy("repeat", "must be between 0 and " + MAX_REPEAT);
        }
        if (levels == null || levels.isEmpty()) {
            throw new InvalidEscalationPolicy("levels", "must contain at least one level");
        }
        levels = List.copyOf(levels);
    }
}
