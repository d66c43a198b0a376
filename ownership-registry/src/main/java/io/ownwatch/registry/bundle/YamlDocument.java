package io.ownwatch.registry.bundle;

import java.util.Map;

/**
 * One YAML document of a bundle file as plain values (maps, lists, strings and nulls; scalars stay
 * text so that YAML's implicit typing never turns {@code no} into false or {@code 09:00} into a number),
 * with the position of every node by its path ({@code spec.layers[0].participants[1]}).
 *
 * @param file      the file it came from
 * @param root      the document's top-level value
 * @param positions 1-based line and column of each node by path; the root's path is the empty string
 */
record YamlDocument(String file, Object root, Map<String, int[]> positions) {

    /** The position of the node at {@code path}, or of its nearest ancestor present in the document. */
    int[] position(String path) {
        String current = path;
        while (true) {
            int[] found = positions.get(current);
            if (found != null) {
                return found;
            }
            if (current.isEmpty()) {
                return new int[] {1, 1};
            }
            int cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
            current = cut < 0 ? "" : current.substring(0, cut);
        }
    }

    /** An error at the node of {@code path} (or its nearest ancestor, for a missing field). */
    BundleError error(String path, String message) {
        int[] at = position(path);
        return new BundleError(file, at[0], at[1], path, message);
    }
}
