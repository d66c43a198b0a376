package io.ownwatch.registry.runbook;

import java.util.Set;

/**
 * What a step does, and the settings each kind of action takes: the executor knows how to run exactly these,
 * so a runbook can never smuggle in an arbitrary command.
 */
public enum ActionType {
    HTTP_REQUEST(Set.of("method", "host", "path"), Set.of("scheme", "port", "body", "expectStatus")),
    KUBERNETES_ROLLOUT_RESTART(Set.of("namespace", "deployment"), Set.of("cluster")),
    KUBERNETES_SCALE(Set.of("namespace", "deployment", "replicas", "minReplicas", "maxReplicas"), Set.of("cluster")),
    KUBERNETES_DELETE_POD(Set.of("namespace", "pod"), Set.of("cluster"));

    private final Set<String> required;
    private final Set<String> optional;

    ActionType(Set<String> required, Set<String> optional) {
        this.required = required;
        this.optional = optional;
    }

    /** Settings the action cannot do without. */
    public Set<String> required() {
        return required;
    }

    /** Whether {@code key} is a setting of this action at all. */
    public boolean knows(String key) {
        return required.contains(key) || optional.contains(key);
    }
}
