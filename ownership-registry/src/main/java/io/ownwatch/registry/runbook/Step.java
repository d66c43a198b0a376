package io.ownwatch.registry.runbook;

import java.util.Map;
import java.util.TreeMap;

/**
 * One step of a runbook: an action and its settings, whose values may reference parameters as {@code {{name}}}.
 *
 * @param name     what the step is called on the timeline
 * @param action   what it does
 * @param settings the action's settings (see {@link ActionType}); sorted, so that equal steps are equal
 */
public record Step(String name, ActionType action, Map<String, String> settings) {

    public Step {
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }
}
