package io.ownwatch.registry.coverage;

import java.util.List;

import io.ownwatch.registry.schedule.Gap;

/**
 * One problem the coverage report found.
 *
 * @param kind     what kind of problem
 * @param severity how urgent
 * @param subject  what the problem is about
 * @param message  what is wrong, for a person
 * @param gaps     for the kinds about time, the merged intervals in the horizon when nobody is reached; else empty
 * @param related  other things involved, such as the other service of an overlap or the policy of a service
 */
public record Finding(FindingKind kind, Severity severity, Subject subject, String message, List<Gap> gaps,
        List<Subject> related) {

    public Finding {
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
        related = related == null ? List.of() : List.copyOf(related);
    }

    /**
     * What a finding is about.
     *
     * @param type {@code service}, {@code schedule}, {@code team} or {@code escalation-policy}
     * @param id   its id
     */
    public record Subject(String type, String id) {

        public static Subject service(String id) {
            return new Subject("service", id);
        }

        public static Subject schedule(String id) {
            return new Subject("schedule", id);
        }

        public static Subject team(String id) {
            return new Subject("team", id);
        }

        public static Subject policy(String id) {
            return new Subject("escalation-policy", id);
        }
    }
}
