package io.ownwatch.registry.bundle;

import java.util.List;

/**
 * The answer of an import: every object of the bundle and what happened (or, in a dry run, would happen) to it.
 *
 * @param dryRun  whether nothing was written
 * @param changes one entry per object, in the order they are applied
 * @param summary counts per action
 */
public record ImportResult(boolean dryRun, List<Change> changes, Summary summary) {

    /** How many objects are created, updated and left unchanged. */
    public record Summary(int create, int update, int unchanged) {
    }

    static ImportResult of(boolean dryRun, List<Change> changes) {
        int create = (int) changes.stream().filter(c -> c.action().equals(Change.CREATE)).count();
        int update = (int) changes.stream().filter(c -> c.action().equals(Change.UPDATE)).count();
        return new ImportResult(dryRun, List.copyOf(changes), new Summary(create, update, changes.size() - create - update));
    }
}
