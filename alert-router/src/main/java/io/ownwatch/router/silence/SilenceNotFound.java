package io.ownwatch.router.silence;

import java.util.UUID;

/** No silence has that id. */
public class SilenceNotFound extends RuntimeException {

    public SilenceNotFound(UUID id) {
        super("No silence " + id);
    }
}
