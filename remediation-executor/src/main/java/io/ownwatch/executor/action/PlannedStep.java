package io.ownwatch.executor.action;

/**
 * A step with its parameters bound and its targets checked, not yet run: what a dry run reports.
 *
 * @param description what would run, secrets masked ({@code POST https://checkout.internal/admin/drain})
 * @param targets     how many targets it touches, counted against the blast radius
 */
public record PlannedStep(String name, ActionType action, String description, int targets) {
}
