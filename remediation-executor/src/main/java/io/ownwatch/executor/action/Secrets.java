package io.ownwatch.executor.action;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The secret values steps may reference by name, and the one place that masks them. Every description, outcome
 * detail, exception message and log line of an action passes through {@link #mask} before it leaves, so a target
 * that echoes a token back (or a secret that ended up in a URL) shows {@code ****}.
 */
public final class Secrets {

    /** What a secret looks like wherever it would have appeared. */
    public static final String MASK = "****";

    private final Map<String, String> values;
    private final List<String> forms;

    public Secrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
        // Longest first, so that a secret containing another one is masked whole; the percent-encoded form
        // too, because a secret bound into a URL travels encoded.
        Set<String> all = new LinkedHashSet<>();
        for (String value : this.values.values()) {
            if (value != null && !value.isEmpty()) {
                all.add(value);
                all.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        this.forms = all.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The value of the named secret, if configured. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name)).filter(value -> !value.isEmpty());
    }

    /** The text with every configured secret value replaced by {@link #MASK}. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String form : forms) {
            masked = masked.replace(form, MASK);
        }
        return masked;
    }
}
