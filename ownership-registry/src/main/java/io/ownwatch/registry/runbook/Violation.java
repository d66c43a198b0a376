package io.ownwatch.registry.runbook;

/**
 * One broken rule of a runbook, naming the field as a client wrote it ({@code steps[1].settings.path}).
 *
 * @param field   the path of the offending field
 * @param message what is wrong with it
 */
public record Violation(String field, String message) {
}
