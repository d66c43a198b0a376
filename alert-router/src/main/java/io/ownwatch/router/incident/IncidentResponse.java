package io.ownwatch.router.incident;

import io.ownwatch.router.timeline.TimelineEntry;
import io.ownwatch.router.timeline.TimelineEntryType;
import io.ownwatch.router.timeline.TimelineOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What responders do to an incident: acknowledge, resolve, reopen, add a note, reassign. Each change and its timeline event
 * (actor: the person) are written in one transaction, on the incident locked for it. The caller's access rule runs
 * on that locked incident, so a reassignment racing with the action cannot slip past it.
 */
@Component
public class IncidentResponse {

    private static final Logger log = LoggerFactory.getLogger(IncidentResponse.class);

    private final Incidents incidents;
    private final TimelineOutbox timeline;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final ResponseProperties properties;
    private final Clock clock;

    IncidentResponse(Incidents incidents, TimelineOutbox timeline, TransactionTemplate transactions,
            ApplicationEventPublisher events, ResponseProperties properties, Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Acknowledges; an acknowledged incident stays as it was, with no second event. */
    public Incident acknowledge(UUID id, String person, Consumer<Incident> mayAct) {
        return change(id, mayAct, incident -> {
            Instant now = clock.instant();
            Incident acknowledged = incident.acknowledge(person, now);
            if (acknowledged == incident) {
                return incident;
            }
            Incident stored = record(acknowledged, TimelineEntryType.ACKNOWLEDGED, now, person);
            events.publishEvent(new IncidentEvent.Acknowledged(stored, actor(person)));
            return stored;
        });
    }

    /**
     * Resolves by hand. Its alerts are released: if they fire again, they open a new incident.
     *
     * @throws IncidentAlreadyResolved when it is resolved already
     */
    public Incident resolve(UUID id, String person, Consumer<Incident> mayAct) {
        return change(id, mayAct, incident -> {
            Instant now = clock.instant();
            Incident stored = record(incident.resolve(now), TimelineEntryType.RESOLVED, now, person, "reason",
                    "resolved by hand");
            events.publishEvent(new IncidentEvent.Resolved(stored, actor(person)));
            return stored;
        });
    }

    /**
     * Reopens a resolved incident, within the reopen window of its resolution: triggered again, unacknowledged, its
     * alerts held by it again (a new trigger of one of them joins it) and counted as firing, so that it resolves by
     * itself only once their sender reports them resolved again (a person may resolve it at any time). Escalation
     * listens to the {@link IncidentEvent.Reopened} published here and starts over.
     * <p>
     * The dedup keys of its alerts are locked before the incident row, the order routing takes them in, so that no
     * trigger of one of them can open a new incident between the check below and the commit.
     *
     * @throws IncidentNotResolved when it is not resolved
     * @throws ReopenWindowClosed when it was resolved longer ago than the window
     * @throws AlertHeldElsewhere when one of its alerts is held by a newer open incident
     */
    public Incident reopen(UUID id, String person, String reason, Consumer<Incident> mayAct) {
        return transactions.execute(status -> {
            // A resolved incident's alerts no longer change: what is read here is what is locked below.
            List<String> dedupKeys = incidents.alertsOf(id).stream().map(IncidentAlert::dedupKey).toList();
            Optional<String> groupKey = incidents.findById(id).map(Incident::groupKey);
            incidents.lockAll(dedupKeys, groupKey.stream().toList());
            Incident incident = incidents.findByIdForUpdate(id).orElseThrow(() -> new IncidentNotFound(id));
            mayAct.accept(incident);
            Instant now = clock.instant();
            Incident reopened = incident.reopen(now, properties.reopenWindow());
            Map<String, HeldAlert> holders = incidents.findHeldAlerts(dedupKeys);
            for (String dedupKey : dedupKeys) {
                HeldAlert holder = holders.get(dedupKey);
                if (holder != null) {
                    throw new AlertHeldElsewhere(id, dedupKey, holder.incident().id());
                }
            }
            Incident stored = record(reopened, TimelineEntryType.REOPENED, now, person, "reason", reason,
                    "resolvedAt", incident.resolvedAt().toString());
            incidents.holdAgain(id);
            events.publishEvent(new IncidentEvent.Reopened(stored, actor(person), reason));
            return stored;
        });
    }

    /** Adds a note to the timeline; resolved incidents take notes too (postmortems do). */
    public Incident addNote(UUID id, String person, String text, Consumer<Incident> mayAct) {
        return change(id, mayAct, incident -> record(incident, TimelineEntryType.NOTE_ADDED, clock.instant(), person,
                "text", text));
    }

    /** Hands the incident to another team; to the team it already has is no change and no event. */
    public Incident reassign(UUID id, String person, String teamId, String reason, Consumer<Incident> mayAct) {
        return change(id, mayAct, incident -> {
            if (incident.teamId().equals(teamId) && incident.isOpen()) {
                return incident;
            }
            Incident stored = record(incident.reassign(teamId), TimelineEntryType.REASSIGNED, clock.instant(), person,
                    "fromTeamId", incident.teamId(), "toTeamId", teamId, "reason", reason);
            events.publishEvent(new IncidentEvent.Reassigned(stored, incident.teamId(), actor(person)));
            return stored;
        });
    }

    private Incident change(UUID id, Consumer<Incident> mayAct, UnaryOperator<Incident> change) {
        return transactions.execute(status -> {
            Incident incident = incidents.findByIdForUpdate(id).orElseThrow(() -> new IncidentNotFound(id));
            mayAct.accept(incident);
            return change.apply(incident);
        });
    }

    private Incident record(Incident changed, TimelineEntryType type, Instant at, String person, String... attributes) {
        List<TimelineEntry> entries = IncidentRouting.entries(changed,
                List.of(new IncidentRouting.Step(type, at, IncidentRouting.attributes(attributes))),
                actor(person));
        Incident stored = changed.sequenced(entries.size());
        incidents.update(stored);
        timeline.append(entries);
        log.info("Incident {}: {} by {}", changed.id(), type, person);
        return stored;
    }

    private static TimelineEntry.Actor actor(String person) {
        return new TimelineEntry.Actor(TimelineEntry.Actor.Kind.PERSON, person);
    }
}
