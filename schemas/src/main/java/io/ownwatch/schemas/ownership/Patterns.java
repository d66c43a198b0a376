package io.ownwatch.schemas.ownership;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Compiled regular expressions, kept: the router matches every alert against every service's
 * matchers, and compiling on each call would cost more than the match. The set of expressions is
 * the registry's configuration, so it is small; the cap only guards against a pathological one.
 */
final class Patterns {

    private static final int CAPACITY = 10_000;
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private Patterns() {
    }

    /** The compiled pattern; throws {@link java.util.regex.PatternSyntaxException} when it does not compile. */
    static Pattern compile(String regex, int flags) {
        Pattern cached = COMPILED.get(flags + ":" + regex);
        if (cached != null) {
            return cached;
        }
        Pattern compiled = Pattern.compile(regex, flags);
        if (COMPILED.size() >= CAPACITY) {
            COMPILED.clear();
        }
        COMPILED.put(flags + ":" + regex, compiled);
        return compiled;
    }
}
