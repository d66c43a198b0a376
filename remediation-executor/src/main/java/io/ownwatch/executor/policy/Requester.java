package io.ownwatch.executor.policy;

import java.util.Objects;
import java.util.Set;

/**
 * Who asked for a run (or approves one).
 *
 * @param roles a person's roles from their token; automation has none
 */
public record Requester(Kind kind, String id, Set<Role> roles) {

    public Requester {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public static Requester automation(String id) {
        return new Requester(Kind.AUTOMATION, id, Set.of());
    }

    public static Requester person(String id, Set<Role> roles) {
        return new Requester(Kind.PERSON, id, roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * What kind of caller: a person through the API, the router's automation on the requests topic, or anything
     * else (an integration, the system, a person on the topic whose roles nobody vouched for).
     */
    public enum Kind {
        PERSON, AUTOMATION, OTHER
    }

    /** A person's role, as the identity provider issues them ({@code ops-admin} -> {@code OPS_ADMIN}). */
    public enum Role {
        OPS_ADMIN, RESPONDER, SUPPORT, VIEWER
    }
}
