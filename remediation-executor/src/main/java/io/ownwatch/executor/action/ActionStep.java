package io.ownwatch.executor.action;

import java.util.Map;
import java.util.Objects;

/**
 * One step of an approved runbook version, as written by its team.
 *
 * @param settings the action's settings; values may reference parameters as {@code {{name}}} and secrets as
 *                 {@code {{secret:name}}}, resolved from configuration at run time
 */
public record ActionStep(String name, ActionType action, Map<String, String> settings) {

    public ActionStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
