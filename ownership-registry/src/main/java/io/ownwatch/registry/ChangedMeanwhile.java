package io.ownwatch.registry;

/** A change named a version that is no longer current; answered 412 by {@link ChangeProblems}. */
public class ChangedMeanwhile extends RuntimeException {

    /** @param kind what was changed, e.g. "team" */
    public ChangedMeanwhile(String kind, String id, long expected, long current) {
        super(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " '" + id + "' is at version " + current
                + ", not " + expected + "; read it again (its ETag is \"" + current + "\") and reapply your change.");
    }
}
