package io.ownwatch.router.escalation;

import java.util.List;
import java.util.Optional;

/**
 * What the escalation asks the ownership-registry, at the moment of each step: policies, who is on call, how people
 * and team channels are reached. Every method throws {@link Unreachable} when the registry cannot answer; a missing
 * thing is an empty answer, not a failure.
 */
public interface Directory {

    /** The escalation policy of a service, empty when the service has none (or is gone). */
    Optional<String> policyOfService(String serviceId);

    /** A team's escalation policy (the first by id when it has several), empty when it has none. */
    Optional<String> policyOfTeam(String teamId);

    Optional<PolicySnapshot> policy(String policyId);

    /** Who the schedule has on call now, empty when nobody (or no such schedule). */
    Optional<String> onCall(String scheduleId);

    Optional<Contact> person(String personId);

    /** The team's channels, none when the team has none or is gone. */
    List<TeamChannel> channelsOf(String teamId);

    /** The registry could not answer. */
    class Unreachable extends RuntimeException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
