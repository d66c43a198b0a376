package io.ownwatch.registry;

/** A request named something the registry does not hold; answered 404 by {@link RegistryProblems}. */
public abstract class NotFound extends RuntimeException {

    private final String title;

    /** @param kind what was looked for, e.g. "team" */
    protected NotFound(String kind, String id) {
        super("No " + kind + " with id '" + id + "'.");
        this.title = Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " not found";
    }

    String title() {
        return title;
    }
}
