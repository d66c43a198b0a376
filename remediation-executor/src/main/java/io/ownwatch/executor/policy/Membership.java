package io.ownwatch.executor.policy;

import java.util.Set;

/** What the registry said about a person's teams; never guessed when it could not say. */
public sealed interface Membership {

    /** Not needed: automation, and people whose role alone decides (ops-admin, support). */
    record NotAsked() implements Membership {
    }

    record Known(Set<String> teams) implements Membership {
        public Known {
            teams = Set.copyOf(teams);
        }
    }

    /** The registry could not answer: the person is refused, never allowed. */
    record Unknown(String why) implements Membership {
    }
}
