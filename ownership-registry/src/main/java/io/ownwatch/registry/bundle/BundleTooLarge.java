package io.ownwatch.registry.bundle;

/** The uploaded bundle (or its unpacked content) exceeds the configured limit; nothing was read further. */
public class BundleTooLarge extends RuntimeException {

    public BundleTooLarge(long limit) {
        super("The bundle exceeds the limit of " + limit + " bytes (ownwatch.import.max-size).");
    }
}
