package io.ownwatch.schemas.ownership;

import java.util.regex.Pattern;

/**
 * Globs of Kubernetes coordinates, whose only wildcard is {@code *} (any run of characters, including
 * none). A value that is not known reads as the empty string, which only {@code *} matches.
 */
public final class Globs {

    public static final String ANY = "*";

    private Globs() {
    }

    /** Whether the glob accepts the value ({@code null} = unknown = empty). */
    public static boolean matches(String glob, String value) {
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
        return Patterns.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
    }

    /** How specific a glob is, in half points: exact 2, a glob with literal characters 1, only wildcards 0. */
    public static int halfPoints(String glob) {
        if (glob.chars().allMatch(c -> c == '*')) {
            return 0;
        }
        return glob.indexOf('*') < 0 ? 2 : 1;
    }

    /**
     * Sound over-approximation of "some string matches both globs": exact strings must match the
     * other glob; two globs with wildcards must have compatible literal prefixes (one a prefix of
     * the other) and compatible literal suffixes. Whatever fails these tests certainly cannot meet.
     */
    public static boolean mayIntersect(String a, String b) {
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
