package io.ownwatch.registry.bundle;

/**
 * A person declared a member of a team.
 *
 * @param ifExists true when it comes from Backstage ({@code spec.members}, {@code spec.memberOf}), where
 *                 the other side may simply not be on call anywhere: skipped when it does not exist,
 *                 rather than refused
 */
record DeclaredMembership(String teamId, String personId, Field where, boolean ifExists) {

    String id() {
        return teamId + "/" + personId;
    }
}
