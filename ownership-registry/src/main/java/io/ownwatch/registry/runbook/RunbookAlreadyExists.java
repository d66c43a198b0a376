package io.ownwatch.registry.runbook;

import io.ownwatch.registry.AlreadyExists;

/** A runbook with this id exists already. */
public class RunbookAlreadyExists extends AlreadyExists {

    public RunbookAlreadyExists(String id) {
        super("runbook", id);
    }
}
