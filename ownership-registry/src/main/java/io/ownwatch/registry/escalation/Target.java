package io.ownwatch.registry.escalation;

/** Whom a level notifies: whoever a schedule has on call, a named person, or a team's channel. */
public sealed interface Target permits Target.OnCallOf, Target.Person, Target.TeamChannel {

    /** The id of the schedule, person or team. */
    String id();

    /** The wire name of the type. */
    TargetType type();

    /** Builds the target of a type. */
    static Target of(TargetType type, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidEscalationPolicy("id", "must name the target");
        }
        return switch (type) {
            case SCHEDULE -> new OnCallOf(id);
            case PERSON -> new Person(id);
            case TEAM_CHANNEL -> new TeamChannel(id);
        };
    }

    /** Whoever the schedule has on call when the level fires. */
    record OnCallOf(String id) implements Target {
        @Override
        public TargetType type() {
            return TargetType.SCHEDULE;
        }
    }

    /** A named person, paged directly. */
    record Person(String id) implements Target {
        @Override
        public TargetType type() {
            return TargetType.PERSON;
        }
    }

    /** A team's channel (the team's id), notified rather than paged. */
    record TeamChannel(String id) implements Target {
        @Override
        public TargetType type() {
            return TargetType.TEAM_CHANNEL;
        }
    }
}
