package io.ownwatch.executor.run;

import java.util.UUID;

/** No run has this id. */
public class RunNotFound extends RuntimeException {

    public RunNotFound(UUID id) {
        super("run " + id + " does not exist");
    }
}
