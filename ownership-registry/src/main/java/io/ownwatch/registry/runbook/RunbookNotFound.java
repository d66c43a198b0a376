package io.ownwatch.registry.runbook;

import io.ownwatch.registry.NotFound;

/** No runbook (or no such version of it) exists. */
public class RunbookNotFound extends NotFound {

    public RunbookNotFound(String id) {
        super("runbook", id);
    }

    public RunbookNotFound(String id, int version) {
        super("runbook version", id + " v" + version);
    }
}
