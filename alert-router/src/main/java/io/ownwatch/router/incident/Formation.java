package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.silence.Silence;
import java.util.Objects;

/**
 * What one alert event does to the incidents: the output of {@link IncidentDecisions#decide}. Each outcome carries
 * the states to store (the adapter writes them as they are) and the alert's new history.
 */
public sealed interface Formation {

    /** The alert event that led to the outcome. */
    Alert alert();

    /** The alert's history after the event, to store whatever the outcome. */
    AlertHistory history();

    /**
     * No incident holds the alert and none can take it: open one (the adapter finds the owner).
     *
     * @param groupKey the group key the new incident groups later alerts under, or {@code null}
     * @param flapping whether the alert is already flapping: the incident opens marked so
     */
    record Opened(Alert alert, AlertHistory history, String groupKey, boolean flapping) implements Formation {
    }

    /** A different alert joins an open incident with the same group key, within the window (ALERT_GROUPED). */
    record Grouped(Alert alert, AlertHistory history, Incident incident, IncidentAlert added) implements Formation {
    }

    /**
     * A firing event of an alert the incident already holds: counted, never a second incident.
     *
     * @param noted whether this one gets an ALERT_DEDUPLICATED event (coalesced in a storm)
     * @param flappingStarted whether this event made the incident flapping (FLAPPING)
     */
    record Deduplicated(Alert alert, AlertHistory history, Incident incident, IncidentAlert updated, boolean noted,
            boolean flappingStarted) implements Formation {
    }

    /**
     * An alert of the incident resolved.
     *
     * @param incidentResolved whether the incident resolved with it (every alert resolved, auto-resolve on, not flapping)
     * @param flappingStarted whether this event made the incident flapping (FLAPPING)
     */
    record AlertResolved(Alert alert, AlertHistory history, Incident incident, IncidentAlert updated,
            boolean incidentResolved, boolean flappingStarted) implements Formation {
    }

    /**
     * The sender acknowledged an alert an open incident holds (PagerDuty's {@code event_action: acknowledge}):
     * the incident is acknowledged by the integration, and stays so until it resolves.
     *
     * @param incident the incident, acknowledged
     * @param by who acknowledged, as the sender is known ({@code integration:<name>}, or the source)
     */
    record AcknowledgedBySender(Alert alert, AlertHistory history, Incident incident, String by) implements Formation {
    }

    /** The alert would have opened an incident but something suppresses it; it is recorded, nobody is paged. */
    record Suppressed(Alert alert, AlertHistory history, Suppression by) implements Formation {
        public Suppressed {
            Objects.requireNonNull(by, "by");
        }
    }

    /** Nothing to do, for the reason given. */
    record Ignored(Alert alert, AlertHistory history, String reason) implements Formation {
    }

    /** What suppressed an alert. */
    sealed interface Suppression {

        /** An active silence whose matchers all hold. */
        record Silenced(Silence silence) implements Suppression {
        }

        /** A firing critical alert of the same service, held by the incident named. */
        record Inhibited(IncidentAlert by) implements Suppression {
        }
    }
}
