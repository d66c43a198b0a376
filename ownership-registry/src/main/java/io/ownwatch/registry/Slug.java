package io.ownwatch.registry;

import java.util.regex.Pattern;

/**
 * Team and service ids are slugs: they appear in URLs, Kafka keys and YAML kept in teams' repositories,
 * so they stay lower-case, short and free of characters that need escaping.
 */
public final class Slug {

    /** The pattern every id must match. */
    public static final String PATTERN = "^[a-z0-9][a-z0-9-]{0,62}$";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Slug() {
    }

    /** Returns the id unchanged, or throws if it is not a slug: domain types guard themselves too. */
    public static String require(String id, String what) {
        if (id == null || !COMPILED.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must match " + PATTERN + " but was '" + id + "'");
        }
        return id;
    }
}
