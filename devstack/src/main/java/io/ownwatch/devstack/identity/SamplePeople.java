package io.ownwatch.devstack.identity;

import java.util.List;

/**
 * The dev-only people of the embedded identity provider, one per role (two responders, on different teams in the
 * ownership registry). Each password is {@code <name>-password}; only its BCrypt hash is kept here, so that start-up
 * does not spend a second hashing.
 */
final class SamplePeople {

    /** A person who can log in, with the one role the {@code roles} claim of their tokens carries. */
    record Person(String username, String passwordHash, String role) {
    }

    static final List<Person> ALL = List.of(
            new Person("alice", "{bcrypt}$2a$10$j5LzWjdtIZypvm8yXp0e9.ZRr3Q5YYi/mpFPmasQqAbOnk4Sfq.ia", "ops-admin"),
            new Person("bob", "{bcrypt}$2a$10$l6so3V7BpAKdULaEq6C0cuTVB0mYH4vpspP9rVGRlzcGrnShjsAM.", "responder"),
            new Person("erin", "{bcrypt}$2a$10$juK6Uu4OBwC3/sahejvmDOY33Eb2t/yrw52lcaGXevj8VgGuInTwy", "responder"),
            new Person("carol", "{bcrypt}$2a$10$ulEVBzl3wmBCvCVA/YFxtOzSUthlK0OUNurK.3NG75j8W/UFos14e", "support"),
            new Person("dave", "{bcrypt}$2a$10$9tF6JbjJAnHbJE9a.Tw4SeVbLJn3mn3qYsnI/KdHTRVD47HCMEbj2", "viewer"));

    private SamplePeople() {
    }

    /** {@code ops-admin} -> {@code ROLE_OPS_ADMIN}, the authority Spring Security checks at login. */
    static String authority(String role) {
        return "ROLE_" + role.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** The inverse of {@link #authority(String)}, or null for an authority that is not a role. */
    static String role(String authority) {
        return authority.startsWith("ROLE_")
                ? authority.substring(5).toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                : null;
    }
}
