package io.ownwatch.router.ownership;

import java.util.Objects;

/** Who is responsible for an incident, and how we know. */
public sealed interface Owner {

    /** The team that gets the incident. */
    String teamId();

    /**
     * The registry matched a service.
     *
     * @param escalationPolicyId the service's escalation policy, or {@code null}
     */
    record Resolved(String serviceId, String serviceName, String teamId, String teamName, String escalationPolicyId)
            implements Owner {
        public Resolved {
            Objects.requireNonNull(serviceId, "serviceId");
            Objects.requireNonNull(teamId, "teamId");
        }
    }

    /**
     * No owner could be found: the catch-all team takes the incident.
     *
     * @param reason why, in words for the timeline
     */
    record Unknown(String teamId, String reason) implements Owner {
        public Unknown {
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
