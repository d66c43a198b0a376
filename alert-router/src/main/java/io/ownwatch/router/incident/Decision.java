package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Alert;
import java.time.Instant;

/** What one alert event does to the incidents: the output of {@link IncidentDecisions#decide}. */
public sealed interface Decision {

    /** The alert that led to the decision. */
    Alert alert();

    /** A firing alert with no open incident for its dedup key: open one. */
    record OpenIncident(Alert alert, Instant at) implements Decision {
    }

    /** A repeat of a firing alert: count it on the open incident, never open a second one. */
    record Deduplicate(Incident incident, Alert alert, Instant at) implements Decision {
    }

    /** The incident's only alert resolved: resolve the incident. */
    record Resolve(Incident incident, Alert alert, Instant at) implements Decision {
    }

    /** Nothing to do, for the reason given. */
    record Ignore(Alert alert, String reason) implements Decision {
    }
}
