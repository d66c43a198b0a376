package io.ownwatch.registry.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node of a {@link YamlDocument} by its path, with the checks that turn a document into domain values:
 * each check that fails records a {@link BundleError} at the node's position and answers "absent", so a
 * document is read to its end and every problem in it is reported at once.
 */
final class Field {

    private final YamlDocument document;
    private final String path;
    private final Object value;
    private final List<BundleError> errors;

    private Field(YamlDocument document, String path, Object value, List<BundleError> errors) {
        this.document = document;
        this.path = path;
        this.value = value;
        this.errors = errors;
    }

    static Field root(YamlDocument document, List<BundleError> errors) {
        return new Field(document, "", document.root(), errors);
    }

    YamlDocument document() {
        return document;
    }

    String path() {
        return path;
    }

    boolean present() {
        return value != null;
    }

    /** The child of a mapping; absent when this is not a mapping (reported by {@link #mapping}) or has no such key. */
    Field get(String key) {
        Object child = value instanceof Map<?, ?> map ? map.get(key) : null;
        return new Field(document, path.isEmpty() ? key : path + "." + key, child, errors);
    }

    /** Records a problem at this node (or, when absent, at its nearest present ancestor). */
    void error(String message) {
        errors.add(document.error(path, message));
    }

    /** Checks that this is a mapping whose keys are among {@code allowed}; unknown keys are reported one by one. */
    boolean mapping(Set<String> allowed, boolean required) {
        if (value == null) {
            if (required) {
                error("is required");
            }
            return false;
        }
        if (!(value instanceof Map<?, ?> map)) {
            error("must be a mapping");
            return false;
        }
        if (allowed != null) {
            for (Object key : map.keySet()) {
                if (!allowed.contains(key)) {
                    get((String) key).error("unknown field '" + key + "'; expected one of " + new TreeSet<>(allowed));
                }
            }
        }
        return true;
    }

    /** The text of a scalar, or null when absent or not a scalar (reported). */
    String text() {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            error("must be a single value, not a " + (value instanceof Map ? "mapping" : "list"));
            return null;
        }
        return text;
    }

    /** The text of a scalar that must be present and not blank. */
    String required() {
        String text = text();
        if (text == null && value == null) {
            error("is required");
        } else if (text != null && text.isBlank()) {
            error("must not be blank");
            return null;
        }
        return text;
    }

    /** A whole number, or {@code fallback} when absent; reported and null when not a number. */
    Integer integer(Integer fallback) {
        String text = text();
        if (text == null) {
            return value == null ? fallback : null;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            error("must be a whole number but was '" + text + "'");
            return null;
        }
    }

    /** The elements of a list; empty when absent, reported when not a list. */
    List<Field> items() {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            error("must be a list");
            return List.of();
        }
        List<Field> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(new Field(document, path + "[" + i + "]", list.get(i), errors));
        }
        return items;
    }

    /** The texts of a list of scalars (each checked); absent elements are dropped after being reported. */
    List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (Field item : items()) {
            String text = item.required();
            if (text != null) {
                texts.add(text);
            }
        }
        return texts;
    }
}
