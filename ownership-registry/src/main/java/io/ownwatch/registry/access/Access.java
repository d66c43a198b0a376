package io.ownwatch.registry.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;

/**
 * Every access rule of the registry, as annotations the controllers put on their methods, so that
 * the whole policy reads on one page. Roles come from the token's {@code roles} claim
 * ({@code ROLE_OPS_ADMIN} ...), scopes from its {@code scope} claim ({@code SCOPE_registry.resolve});
 * the edge module turns a request without a valid token into a 401 before any of these run.
 * Team membership is not in the token: rules that depend on it are checked against the registry's
 * own tables, so ownership and access never disagree.
 */
public final class Access {

    /** A person with any Ownwatch role. */
    static final String ANY_ROLE = "hasAnyRole('OPS_ADMIN', 'RESPONDER', 'SUPPORT', 'VIEWER')";

    /**
     * Another Ownwatch service acting under its own client identity. Clients are recognised by the
     * scope they were granted, the narrowest thing that tells them apart from a person without a role.
     */
    static final String OWNWATCH_CLIENT = "hasAuthority('SCOPE_registry.resolve')";

    private static final String OPS_ADMIN_AUTHORITY = "ROLE_OPS_ADMIN";

    private Access() {
    }

    /** Reading teams, people, membership and services: any person with a role, or an Ownwatch client. */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(ANY_ROLE + " or " + OWNWATCH_CLIENT)
    public @interface Read {
    }

    /** Changing teams, people and membership: ops-admins only. */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize("hasRole('OPS_ADMIN')")
    public @interface Administer {
    }

    /**
     * Declaring, replacing or deleting a service: ops-admins, or responders. A responder must also
     * belong to the team that owns the service (on a change of owner, to the old and the new owning
     * team); the controller checks that against the registry's membership, because the answer lies in
     * the request body, the stored service and the registry's membership, not in the token.
     */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER')")
    public @interface DeclareService {
    }

    /**
     * Changing on-call schedules and escalation policies: ops-admins, or responders who belong to the
     * owning team (checked by the controller against the registry's membership, like {@link DeclareService}).
     */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER')")
    public @interface ManageOnCall {
    }

    /** Asking who owns an alert: any person with a role, or a client granted {@code registry.resolve} (the router). */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(ANY_ROLE + " or " + OWNWATCH_CLIENT)
    public @interface Resolve {
    }

    /**
     * Writing runbooks (create, edit a draft, start a new version, submit, retire, delete a draft): ops-admins, or
     * responders who belong to the runbook's owning team (checked by the controller against the registry's
     * membership, like {@link DeclareService}).
     */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize("hasAnyRole('OPS_ADMIN', 'RESPONDER')")
    public @interface AuthorRunbook {
    }

    /**
     * Reviewing runbooks (approve, request changes): ops-admins only, and never the version's own authors (checked
     * by the version itself, because who wrote it lies in the registry, not in the token).
     */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize("hasRole('OPS_ADMIN')")
    public @interface ReviewRunbook {
    }

    /** Whether the caller is an ops-admin, who may act for every team. */
    public static boolean isOpsAdmin(Authentication caller) {
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(authority -> OPS_ADMIN_AUTHORITY.equals(authority.getAuthority()));
    }

    /**
     * Changing a person's name and contact channels: ops-admins, or the person themselves (the token's
     * subject is the person's id), so that everyone can keep their own phone number and webhook current.
     * The annotated method must name the person's path variable {@code id}.
     */
    @Target({ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize("hasRole('OPS_ADMIN') or (" + ANY_ROLE + " and #id == authentication.name)")
    public @interface ChangeOwnContact {
    }
}
