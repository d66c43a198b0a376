package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Alert;
import java.time.Instant;
import java.util.Optional;

/**
 * The routing decision, as a pure function: no I/O and no clock of its own, so it can be tested
 * exhaustively and replayed over old alerts. The skeleton groups by dedup key only.
 */
public final class IncidentDecisions {

    private IncidentDecisions() {
    }

    /**
     * Decides what an alert does.
     *
     * @param alert the alert event
     * @param openIncident the open incident for the alert's dedup key, if any; a resolved one counts as none
     * @param now the time the decision is made, stamped on the change
     */
    public static Decision decide(Alert alert, Optional<Incident> openIncident, Instant now) {
        Optional<Incident> open = openIncident.filter(Incident::isOpen);
        if (open.isPresent() && !open.get().dedupKey().equals(alert.dedupKey())) {
            throw new IllegalArgumentException("Incident " + open.get().id() + " belongs to dedup key "
                    + open.get().dedupKey() + ", not " + alert.dedupKey());
        }
        return switch (alert.status()) {
            case FIRING -> open.<Decision>map(incident -> new Decision.Deduplicate(incident, alert, now))
                    .orElseGet(() -> new Decision.OpenIncident(alert, now));
            case RESOLVED -> open.<Decision>map(incident -> new Decision.Resolve(incident, alert, now))
                    .orElseGet(() -> new Decision.Ignore(alert, "resolved alert without an open incident"));
            case ACKNOWLEDGED -> new Decision.Ignore(alert, "acknowledgement by the sender is not handled yet");
            case UNKNOWN -> new Decision.Ignore(alert, "alert status unknown");
        };
    }
}
