package io.ownwatch.registry;

/** A create named an id that is taken; answered 409 by {@link RegistryProblems}. */
public abstract class AlreadyExists extends RuntimeException {

    private final String title;

    /** @param kind what was created, e.g. "team" */
    protected AlreadyExists(String kind, String id) {
        super("A " + kind + " with id '" + id + "' already exists.");
        this.title = Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " already exists";
    }

    String title() {
        return title;
    }
}
