package io.ownwatch.registry.bundle;

/**
 * One problem of a bundle, where a person fixing the YAML looks for it.
 *
 * @param file    the file inside the bundle
 * @param line    1-based line
 * @param column  1-based column
 * @param field   the path of the offending field in the document, such as {@code spec.layers[0].shiftLength}
 * @param message what is wrong
 */
public record BundleError(String file, int line, int column, String field, String message) {
}
