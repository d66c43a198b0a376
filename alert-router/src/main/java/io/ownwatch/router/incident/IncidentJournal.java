package io.ownwatch.router.incident;

import io.ownwatch.router.timeline.TimelineEntry;
import io.ownwatch.router.timeline.TimelineEntryType;
import io.ownwatch.router.timeline.TimelineOutbox;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way other features (escalation, notification, remediation) write to an incident's timeline: the incident
 * row is locked, the entry takes its next sequence number, and the entry goes to the outbox, all in the caller's
 * transaction. Locking the incident first is also the lock order every writer follows (incident, then the
 * feature's own rows), so two writers never deadlock.
 */
@Component
public class IncidentJournal {

    private final Incidents incidents;
    private final TimelineOutbox timeline;

    IncidentJournal(Incidents incidents, TimelineOutbox timeline) {
        this.incidents = incidents;
        this.timeline = timeline;
    }

    /** Locks the incident for the rest of the caller's transaction, or empty when there is no such incident. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Incident> lock(UUID incidentId) {
        return incidents.findByIdForUpdate(incidentId);
    }

    /**
     * Appends one entry to the incident's timeline.
     *
     * @param attributes detail for the entry; null values are left out, secrets never belong here
     * @return the incident as it is now (its sequence advanced)
     * @throws IncidentNotFound when there is no such incident
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Incident record(UUID incidentId, TimelineEntryType type, Instant at, TimelineEntry.Actor actor,
            Map<String, String> attributes) {
        // One statement locks the row and takes the number, where a read for update and an update took two.
        Incident incident = incidents.takeSequence(incidentId, 1).orElseThrow(() -> new IncidentNotFound(incidentId));
        Map<String, String> present = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            if (value != null) {
                present.put(key, value);
            }
        });
        List<TimelineEntry> entries = IncidentRouting.entries(incident,
                List.of(new IncidentRouting.Step(type, at, present)), actor);
        timeline.append(entries);
        return incident.sequenced(entries.size());
    }
}
