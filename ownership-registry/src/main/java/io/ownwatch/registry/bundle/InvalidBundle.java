package io.ownwatch.registry.bundle;

import java.util.Comparator;
import java.util.List;

/** The bundle has problems; nothing was written. Carries every problem found, in file and line order. */
public class InvalidBundle extends RuntimeException {

    private final List<BundleError> errors;

    public InvalidBundle(List<BundleError> errors) {
        super(errors.size() + " problem(s) in the bundle; nothing was imported.");
        this.errors = errors.stream()
                .sorted(Comparator.comparing(BundleError::file).thenComparingInt(BundleError::line)
                        .thenComparingInt(BundleError::column))
                .toList();
    }

    public List<BundleError> errors() {
        return errors;
    }
}
