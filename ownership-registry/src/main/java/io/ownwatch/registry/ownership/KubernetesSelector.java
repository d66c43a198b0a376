package io.ownwatch.registry.ownership;

import java.util.regex.Pattern;

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

    public static final String ANY = "*";

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
        return Glob.matches(cluster, alertCluster) && Glob.matches(namespace, alertNamespace)
                && Glob.matches(workload, alertWorkload);
    }

    /**
     * How specific this selector is, in half points: an exact field counts 2, a glob with literal
     * characters (such as {@code eu-*}) counts 1, a bare {@code *} counts 0.
     */
    public int halfPoints() {
        return Glob.halfPoints(cluster) + Glob.halfPoints(namespace) + Glob.halfPoints(workload);
    }

    /** Whether some coordinates could match both selectors (conservative: may say yes when they cannot). */
    public boolean mayIntersect(KubernetesSelector other) {
        return Glob.mayIntersect(cluster, other.cluster) && Glob.mayIntersect(namespace, other.namespace)
                && Glob.mayIntersect(workload, other.workload);
    }

    /** Globs with {@code *} as their only wildcard. */
    static final class Glob {

        private Glob() {
        }

        static boolean isWildcardOnly(String glob) {
            return glob.chars().allMatch(c -> c == '*');
        }

        static int halfPoints(String glob) {
            if (isWildcardOnly(glob)) {
                return 0;
            }
            return glob.indexOf('*') < 0 ? 2 : 1;
        }

        static boolean matches(String glob, String value) {
            String actual = value == null ? "" : value;
            if (glob.indexOf('*') < 0) {
                return glob.equals(actual);
            }
            StringBuilder regex = new StringBuilder();
            int start = 0;
            for (int star = glob.indexOf('*'); star >= 0; star = glob.indexOf('*', start)) {
                if (star > start) {
                    regex.append(Pattern.quote(glob.substring(start, star)));
                }
                regex.append(".*");
                start = star + 1;
            }
            if (start < glob.length()) {
                regex.append(Pattern.quote(glob.substring(start)));
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
        }

        /**
         * Sound over-approximation of "some string matches both globs": exact strings must match the
         * other glob; two globs with wildcards must have compatible literal prefixes (one a prefix of
         * the other) and compatible literal suffixes. Whatever fails these tests certainly cannot meet.
         */
        static boolean mayIntersect(String a, String b) {
            boolean aExact = a.indexOf('*') < 0;
            boolean bExact = b.indexOf('*') < 0;
            if (aExact && bExact) {
                return a.equals(b);
            }
            if (aExact) {
                return matches(b, a);
            }
            if (bExact) {
                return matches(a, b);
            }
            String aPrefix = a.substring(0, a.indexOf('*'));
            String bPrefix = b.substring(0, b.indexOf('*'));
            String aSuffix = a.substring(a.lastIndexOf('*') + 1);
            String bSuffix = b.substring(b.lastIndexOf('*') + 1);
            return (aPrefix.startsWith(bPrefix) || bPrefix.startsWith(aPrefix))
                    && (aSuffix.endsWith(bSuffix) || bSuffix.endsWith(aSuffix));
        }
    }
}
