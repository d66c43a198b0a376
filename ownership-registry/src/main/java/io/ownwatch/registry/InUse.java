package io.ownwatch.registry;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Something cannot be deleted because other things still name it; answered 409 by {@link ChangeProblems}
 * with every reference, so the caller knows what to change first.
 */
public class InUse extends RuntimeException {

    /** One thing that names the resource, e.g. {@code service checkout}. */
    public record Reference(String type, String id) {

        @Override
        public String toString() {
            return type + " '" + id + "'";
        }
    }

    private final List<Reference> references;

    /** @param kind what was to be deleted, e.g. "team" */
    public InUse(String kind, String id, List<Reference> references) {
        super(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " '" + id + "' is still referenced by "
                + references.stream().map(Reference::toString).collect(Collectors.joining(", "))
                + "; change or delete those first.");
        this.references = List.copyOf(references);
    }

    public List<Reference> references() {
        return references;
    }
}
