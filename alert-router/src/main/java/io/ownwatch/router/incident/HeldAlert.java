package io.ownwatch.router.incident;

import java.util.Objects;

/**
 * One alert an unresolved incident holds, with that incident: what a firing repeat of the alert is decided on
 * ({@link IncidentDecisions#repeat}), without the incident's other alerts.
 */
public record HeldAlert(Incident incident, IncidentAlert alert) {

    public HeldAlert {
        Objects.requireNonNull(incident, "incident");
        Objects.requireNonNull(alert, "alert");
        if (!alert.incidentId().equals(incident.id())) {
            throw new IllegalArgumentException("Alert " + alert.dedupKey() + " belongs to incident " + alert.incidentId()
                    + ", not " + incident.id());
        }
    }
}
