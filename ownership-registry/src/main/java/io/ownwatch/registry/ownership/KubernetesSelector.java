package io.ownwatch.registry.ownership;

import io.ownwatch.schemas.ownership.Globs;

/**
 * Kubernetes coordinates that an alert must come from. Each field is a glob whose only wildcard is
 * {@code *} (any run of characters, including none); a missing field means {@code *}. An alert that
 * does not say where it comes from has empty coordinates, which only {@code *} matches.
 *
 * @param cluster   cluster name glob, such as {@code eu-*}
 * @param namespace namespace glob
 * @param workload  workload (deployment, statefulset ...) glob, such as {@code checkout-*}
 */
public record KubernetesSelector(String cluster, String namespace, String workload) {

    public static final String ANY = Globs.ANY;

    public KubernetesSelector {
        cluster = orAny(cluster);
        namespace = orAny(namespace);
        workload = orAny(workload);
    }

    private static String orAny(String glob) {
        return glob == null || glob.isBlank() ? ANY : glob.strip();
    }

    /** Whether an alert from these coordinates (null = unknown = empty) is selected. */
    public boolean matches(String alertCluster, String alertNamespace, String alertWorkload) {
        return Globs.matches(cluster, alertCluster) && Globs.matches(namespace, alertNamespace)
                && Globs.matches(workload, alertWorkload);
    }

    /**
     * How specific this selector is, in half points: an exact field counts 2, a glob with literal
     * characters (such as {@code eu-*}) counts 1, a bare {@code *} counts 0.
     */
    public int halfPoints() {
        return Globs.halfPoints(cluster) + Globs.halfPoints(namespace) + Globs.halfPoints(workload);
    }

    /** Whether some coordinates could match both selectors (conservative: may say yes when they cannot). */
    public boolean mayIntersect(KubernetesSelector other) {
        return Globs.mayIntersect(cluster, other.cluster) && Globs.mayIntersect(namespace, other.namespace)
                && Globs.mayIntersect(workload, other.workload);
    }
}
