package io.ownwatch.registry.bundle;

import java.util.List;
import java.util.Map;

/**
 * One object a bundle declares, with where it was declared and what it refers to.
 *
 * @param kind       what it is
 * @param id         its id
 * @param value      the domain record (Team, Person, OwnedService, Schedule, EscalationPolicy)
 * @param origin     the node naming its id, for errors about the object as a whole
 * @param references the ids it names, each with its node, checked against the bundle and the registry
 */
record Declared<T>(Kind kind, String id, T value, Field origin, List<Reference> references) {

    /** Whether it comes from a Backstage entity, which has no place for our contact data. */
    boolean fromBackstage() {
        return origin.document().root() instanceof Map<?, ?> root && root.get("apiVersion") instanceof String apiVersion
                && apiVersion.startsWith("backstage.io/");
    }

    /** The same declaration with another value, such as one completed from the registry. */
    Declared<T> withValue(T newValue) {
        return new Declared<>(kind, id, newValue, origin, references);
    }

    /** An id named by a field, which must exist in the bundle or the registry. */
    record Reference(Kind kind, String id, Field where) {
    }
}
