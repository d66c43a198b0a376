package io.ownwatch.router.incident;

import io.ownwatch.router.silence.Silence;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the decision about one alert event needs to know, read by the adapter before deciding.
 *
 * @param holding the unresolved incident that already holds the alert's dedup key, with all its alerts
 * @param groupCandidate an unresolved incident with the alert's group key, the most recently seen, if any
 * @param history the alert's recent status changes
 * @param silences silences that may apply (the decision checks time and matchers itself)
 * @param serviceAlerts alerts held by unresolved incidents that carry the same {@code service} label (for inhibition)
 */
public record Situation(
        Optional<Held> holding,
        Optional<Incident> groupCandidate,
        AlertHistory history,
        List<Silence> silences,
        List<IncidentAlert> serviceAlerts) {

    public Situation {
        Objects.requireNonNull(holding, "holding");
        Objects.requireNonNull(groupCandidate, "groupCandidate");
        Objects.requireNonNull(history, "history");
        silences = List.copyOf(silences);
        serviceAlerts = List.copyOf(serviceAlerts);
    }

    /** A situation with nothing in it: a first alert on an empty router. */
    public static Situation empty(String dedupKey) {
        return new Situation(Optional.empty(), Optional.empty(), AlertHistory.none(dedupKey), List.of(), List.of());
    }

    /** An incident with its alerts. */
    public record Held(Incident incident, List<IncidentAlert> alerts) {

        public Held {
            Objects.requireNonNull(incident, "incident");
            alerts = List.copyOf(alerts);
        }

        Optional<IncidentAlert> alert(String dedupKey) {
            return alerts.stream().filter(a -> a.dedupKey().equals(dedupKey)).findFirst();
        }
    }
}
