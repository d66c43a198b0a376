package io.ownwatch.executor.action;

/** What one runbook step does; the names match the RunbookVersion contract's ActionType. */
public enum ActionType {
    HTTP_REQUEST, KUBERNETES_ROLLOUT_RESTART, KUBERNETES_SCALE, KUBERNETES_DELETE_POD
}
