package io.ownwatch.registry.bundle;

import java.util.Objects;

/**
 * One file of a bundle, as uploaded.
 *
 * @param name    the path inside the bundle (e.g. {@code teams/payments.yaml}): every error names it
 * @param content the raw bytes, UTF-8 YAML
 */
public record BundleFile(String name, byte[] content) {

    public BundleFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }
}
