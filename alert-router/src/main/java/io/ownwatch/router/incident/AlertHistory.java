package io.ownwatch.router.incident;

import io.ownwatch.router.alert.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the router remembers of one alert (dedup key) across incidents, for flapping detection: its last status and
 * when it changed between firing and resolved recently.
 *
 * @param status the last status heard, UNKNOWN before the first
 * @param changes times of its recent status changes, oldest first, none older than the flapping window
 */
public record AlertHistory(String dedupKey, AlertStatus status, List<Instant> changes) {

    public AlertHistory {
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(status, "status");
        changes = List.copyOf(changes);
    }

    /** An alert never heard of. */
    public static AlertHistory none(String dedupKey) {
        return new AlertHistory(dedupKey, AlertStatus.UNKNOWN, List.of());
    }

    /**
     * The history after hearing this status at that time. A change between firing and resolved is remembered; the
     * first status heard and repeats of the same status are not changes. Changes older than the window are forgotten.
     */
    AlertHistory heard(AlertStatus heard, Instant at, Duration window) {
        if (heard != AlertStatus.FIRING && heard != AlertStatus.RESOLVED) {
            return this;
        }
        List<Instant> kept = new ArrayList<>();
        Instant horizon = at.minus(window);
        for (Instant change : changes) {
            if (change.isAfter(horizon)) {
                kept.add(change);
            }
        }
        if (status != AlertStatus.UNKNOWN && status != heard) {
            kept.add(at);
        }
        return new AlertHistory(dedupKey, heard, kept);
    }

    /** Whether it has been quiet (no change) for the whole window before that time. */
    boolean quietSince(Instant at, Duration window) {
        return changes.isEmpty() || !changes.get(changes.size() - 1).isAfter(at.minus(window));
    }
}
