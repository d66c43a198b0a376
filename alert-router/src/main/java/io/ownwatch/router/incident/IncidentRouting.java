package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.ownership.Owner;
import io.ownwatch.router.ownership.OwnerResolver;
import io.ownwatch.router.silence.Silence;
import io.ownwatch.router.silence.Silences;
import io.ownwatch.router.timeline.TimelineEntry;
import io.ownwatch.router.timeline.TimelineEntryType;
import io.ownwatch.router.timeline.TimelineOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies what an alert does to the incidents, effectively once: the processed-event row, the incident changes and
 * their timeline entries are written in one transaction. The registry is asked for the owner before that
 * transaction opens, so a slow registry never holds a database connection or lock. Inside it, advisory locks on the
 * dedup key and the group key serialise the alerts that could touch the same incident.
 *
 * <p>A batch of alert events ({@link #routeAll}) has the outcome of routing its events one by one in order, in one
 * transaction: one statement records every processed event, and repeats of an alert an open incident holds (the
 * bulk of a storm) are folded in memory and written once per incident at the end, with their timeline entries in
 * one statement. Any other event is decided and applied as {@link #route} does, on the database state the batch has
 * written so far.
 */
@Component
public class IncidentRouting {

    /** Name of this consumer in processed_event. */
    static final String CONSUMER = "alert-router.route-alert";
    private static final Logger log = LoggerFactory.getLogger(IncidentRouting.class);

    private final Incidents incidents;
    private final Silences silences;
    private final OwnerResolver owners;
    private final TimelineOutbox timeline;
    private final TransactionTemplate transactions;
    private final FormationProperties policy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    IncidentRouting(Incidents incidents, Silences silences, OwnerResolver owners, TimelineOutbox timeline,
            TransactionTemplate transactions, FormationProperties policy, ApplicationEventPublisher events,
            Clock clock) {
        this.incidents = incidents;
        this.silences = silences;
        this.owners = owners;
        this.timeline = timeline;
        this.transactions = transactions;
        this.policy = policy;
        this.events = events;
        this.clock = clock;
    }

    /** Routes one alert event; a redelivered event changes nothing. */
    public void route(Alert alert) {
        // Every log line about this alert, and about its incident once known, carries their ids.
        try (MDC.MDCCloseable dedupKey = MDC.putCloseable("dedupKey", alert.dedupKey())) {
            routeLogged(alert);
        }
    }

    private void routeLogged(Alert alert) {
        if (incidents.isProcessed(CONSUMER, alert.eventId())) {
            log.debug("Alert event {} already processed", alert.eventId());
            return;
        }
        Formation preview = IncidentDecisions.decide(alert, situation(alert), policy);
        Owner owner = preview instanceof Formation.Opened ? owners.resolve(alert.labels()) : null;
        Optional<String> groupKey = IncidentDecisions.groupKey(alert.labels(), policy.by());
        transactions.executeWithoutResult(status -> {
            if (!incidents.markProcessed(CONSUMER, alert.eventId())) {
                return;
            }
            incidents.lockAlert(alert.dedupKey());
            groupKey.ifPresent(incidents::lockGroup);
            // Decide again under the locks: the preview was taken without them.
            Formation formation = IncidentDecisions.decide(alert, situation(alert), policy);
            try {
                apply(formation, owner, clock.instant());
                incidents.saveHistory(formation.history());
            } finally {
                MDC.remove("incidentId");
            }
        });
    }

    /**
     * Routes a batch of alert events, in order, effectively once; redelivered events change nothing. When the batch
     * cannot be routed together (an incident changed under it, for instance), its events are routed one by one.
     *
     * @throws AlertNotRouted naming the first event that could not be routed; every event before it is routed
     */
    public void routeAll(List<Alert> alerts) {
        try {
            routeTogether(alerts);
        } catch (DataAccessResourceFailureException | CannotCreateTransactionException e) {
            // The database is away: one by one would only wait for it again, event after event.
            throw new AlertNotRouted(0, alerts.get(0).eventId(), e);
        } catch (RuntimeException e) {
            log.warn("A batch of {} alert events could not be routed together ({}); routing them one by one",
                    alerts.size(), e.toString());
            for (int i = 0; i < alerts.size(); i++) {
                try {
                    route(alerts.get(i));
                } catch (RuntimeException failure) {
                    throw new AlertNotRouted(i, alerts.get(i).eventId(), failure);
                }
            }
        }
    }

    private void routeTogether(List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>(incidents.processedAmong(CONSUMER, alerts.stream().map(Alert::eventId).toList()));
        List<Alert> fresh = new ArrayList<>();
        for (Alert alert : alerts) {
            if (seen.add(alert.eventId())) {
                fresh.add(alert);
            }
        }
        if (fresh.size() < alerts.size()) {
            log.debug("{} of {} alert events already processed", alerts.size() - fresh.size(), alerts.size());
        }
        if (fresh.isEmpty()) {
            return;
        }
        Map<Map<String, String>, Owner> owners = ownersOfOpenings(fresh);
        transactions.executeWithoutResult(status -> new Batch(owners).route(fresh));
    }

    /**
     * The owners of the alerts that may open an incident, found before the transaction opens: firing alerts no open
     * incident holds (or whose alert resolved earlier in the batch), unless an open incident, or one the batch opens
     * before them, has their group key: those are grouped, and asking the registry for them would be a remote call
     * per alert of a storm. By labels, since the owner depends on them only. Should an alert open an incident all
     * the same (its group's incident resolved or went quiet meanwhile), the batch finds no owner for it and is
     * routed one by one, each alert with its own look-up.
     */
    private Map<Map<String, String>, Owner> ownersOfOpenings(List<Alert> alerts) {
        Set<String> held = incidents.heldAmong(alerts.stream().map(Alert::dedupKey).collect(
                Collectors.toCollection(LinkedHashSet::new)));
        Set<String> grouping = new HashSet<>(incidents.openGroupKeysAmong(alerts.stream()
                .flatMap(alert -> IncidentDecisions.groupKey(alert.labels(), policy.by()).stream())
                .collect(Collectors.toCollection(LinkedHashSet::new))));
        Set<String> released = new HashSet<>();
        Map<Map<String, String>, Owner> found = new HashMap<>();
        for (Alert alert : alerts) {
            Optional<String> groupKey = IncidentDecisions.groupKey(alert.labels(), policy.by());
            if (alert.status() == AlertStatus.RESOLVED) {
                released.add(alert.dedupKey());
            } else if (alert.status() == AlertStatus.FIRING
                    && (!held.contains(alert.dedupKey()) || released.contains(alert.dedupKey()))
                    && !(groupKey.isPresent() && grouping.contains(groupKey.get()))) {
                found.computeIfAbsent(alert.labels(), owners::resolve);
                groupKey.ifPresent(grouping::add);
            }
        }
        return found;
    }

    /**
     * One batch in one transaction. The incidents, alerts and histories that repeats touch are kept in
     * {@link BatchHoldings} and written when the batch ends, or before any other event is routed, which reads the
     * database.
     */
    private final class Batch {

        private final Map<Map<String, String>, Owner> owners;
        private final BatchHoldings holdings = new BatchHoldings();
        private final List<TimelineEntry> entries = new ArrayList<>();

        Batch(Map<Map<String, String>, Owner> owners) {
            this.owners = owners;
        }

        void route(List<Alert> alerts) {
            Set<String> recorded = incidents.markAllProcessed(CONSUMER, alerts.stream().map(Alert::eventId).toList());
            List<Alert> fresh = alerts.stream().filter(alert -> recorded.contains(alert.eventId())).toList();
            Set<String> dedupKeys = new LinkedHashSet<>();
            Set<String> groupKeys = new LinkedHashSet<>();
            for (Alert alert : fresh) {
                dedupKeys.add(alert.dedupKey());
                IncidentDecisions.groupKey(alert.labels(), policy.by()).ifPresent(groupKeys::add);
            }
            incidents.lockAll(dedupKeys, groupKeys);
            load(dedupKeys);
            for (Alert alert : fresh) {
                try (MDC.MDCCloseable dedupKey = MDC.putCloseable("dedupKey", alert.dedupKey())) {
                    if (!fold(alert)) {
                        routeInPlace(alert);
                    }
                } finally {
                    MDC.remove("incidentId");
                }
            }
            flush();
        }

        private void load(Collection<String> dedupKeys) {
            holdings.load(dedupKeys, incidents.findHeldAlerts(dedupKeys), incidents.histories(dedupKeys));
        }

        /** A firing repeat of an alert an open incident holds, applied in memory; false for any other event. */
        private boolean fold(Alert alert) {
            if (alert.status() != AlertStatus.FIRING) {
                return false;
            }
            if (!holdings.knows(alert.dedupKey())) {
                load(List.of(alert.dedupKey()));
            }
            Optional<HeldAlert> holding = holdings.holding(alert.dedupKey());
            if (holding.isEmpty()) {
                return false;
            }
            // What decide does with a holding incident (grouping, silences and inhibition do not apply then), on the
            // incident and this one alert.
            Formation.Deduplicated repeat = IncidentDecisions.repeat(alert, holding.get().incident(),
                    holding.get().alert(), holdings.history(alert.dedupKey()), policy);
            UUID holder = repeat.incident().id();
            MDC.put("incidentId", holder.toString());
            List<Step> steps = repeatSteps(repeat, clock.instant());
            entries.addAll(entries(repeat.incident(), steps, TimelineEntry.Actor.ALERT_ROUTER));
            holdings.folded(repeat, repeat.incident().sequenced(steps.size()));
            log.debug("Alert {} repeated on incident {} ({} events)", alert.dedupKey(), holder, repeat.updated().count());
            return true;
        }

        /** As {@link IncidentRouting#route} does it, on what the batch wrote so far; then every cached state is stale. */
        private void routeInPlace(Alert alert) {
            flush();
            // A key the batch knows no incident holds: the situation without reading holding and history again.
            Formation formation = IncidentDecisions.decide(alert, holdings.knows(alert.dedupKey())
                    && holdings.holding(alert.dedupKey()).isEmpty()
                    ? situation(alert, Optional.empty(), holdings.history(alert.dedupKey()))
                    : situation(alert), policy);
            Owner owner = formation instanceof Formation.Opened ? owners.get(alert.labels()) : null;
            apply(formation, owner, clock.instant());
            incidents.saveHistory(formation.history());
            holdings.forget(alert.dedupKey(), changedIncident(formation));
        }

        private void flush() {
            incidents.updateOpen(holdings.changedIncidents());
            incidents.saveAlerts(holdings.changedAlerts());
            incidents.saveHistories(holdings.changedHistories());
            holdings.written();
            if (!entries.isEmpty()) {
                timeline.append(entries);
            }
            entries.clear();
        }
    }

    /** The existing incident an event routed in place changed, or {@code null} (none, or one it opened). */
    private static UUID changedIncident(Formation formation) {
        if (formation instanceof Formation.Grouped grouped) {
            return grouped.incident().id();
        } else if (formation instanceof Formation.Deduplicated repeat) {
            return repeat.incident().id();
        } else if (formation instanceof Formation.AlertResolved resolved) {
            return resolved.incident().id();
        } else if (formation instanceof Formation.AcknowledgedBySender acknowledged) {
            return acknowledged.incident().id();
        } else if (formation instanceof Formation.Suppressed suppressed
                && suppressed.by() instanceof Formation.Suppression.Inhibited inhibited) {
            return inhibited.by().incidentId();
        } else if (formation instanceof Formation.Opened || formation instanceof Formation.Suppressed
                || formation instanceof Formation.Ignored) {
            return null;
        }
        throw new IllegalStateException("Unhandled formation " + formation);
    }

    private Situation situation(Alert alert) {
        return situation(alert, incidents.findHolding(alert.dedupKey()), incidents.history(alert.dedupKey()));
    }

    private Situation situation(Alert alert, Optional<Situation.Held> holding, AlertHistory history) {
        Optional<Incident> group = holding.isPresent() ? Optional.empty()
                : IncidentDecisions.groupKey(alert.labels(), policy.by()).flatMap(incidents::findGroupCandidate);
        String service = alert.labels().get(IncidentDecisions.SERVICE_LABEL);
        List<IncidentAlert> serviceAlerts = holding.isEmpty() && service != null && Severities.inhibitable(alert.severity())
                ? incidents.heldAlertsOfService(service) : List.of();
        List<Silence> active = holding.isPresent() ? List.of() : silences.activeAt(alert.receivedAt());
        return new Situation(holding, group, history, active, serviceAlerts);
    }

    // Java 17 has no pattern switch: an instanceof chain over the sealed Formation, ending in a guard.
    private void apply(Formation formation, Owner owner, Instant now) {
        Alert alert = formation.alert();
        if (formation instanceof Formation.Opened opened) {
            if (owner == null) {
                // The alert's incident changed between preview and lock; the binder retries the event.
                throw new IncidentChangedConcurrently(alert.dedupKey());
            }
            open(opened, owner, now);
        } else if (formation instanceof Formation.Grouped grouped) {
            MDC.put("incidentId", grouped.incident().id().toString());
            incidents.saveAlert(grouped.added());
            write(grouped.incident(), List.of(new Step(TimelineEntryType.ALERT_GROUPED, later(alert.receivedAt(), now),
                    attributes("dedupKey", alert.dedupKey(), "alertEventId", alert.eventId(),
                            "groupKey", grouped.incident().groupKey(),
                            "alertCount", Integer.toString(grouped.incident().alertCount())))));
            log.info("Alert {} grouped into incident {}", alert.dedupKey(), grouped.incident().id());
        } else if (formation instanceof Formation.Deduplicated repeat) {
            MDC.put("incidentId", repeat.incident().id().toString());
            incidents.saveAlert(repeat.updated());
            write(repeat.incident(), repeatSteps(repeat, now));
            log.debug("Alert {} repeated on incident {} ({} events)", alert.dedupKey(), repeat.incident().id(),
                    repeat.updated().count());
        } else if (formation instanceof Formation.AlertResolved resolved) {
            MDC.put("incidentId", resolved.incident().id().toString());
            incidents.saveAlert(resolved.updated());
            List<Step> steps = new ArrayList<>();
            if (resolved.flappingStarted()) {
                steps.add(flapping(alert, now));
            }
            if (resolved.incidentResolved()) {
                steps.add(new Step(TimelineEntryType.RESOLVED, resolved.incident().resolvedAt(),
                        attributes("dedupKey", alert.dedupKey(), "alertEventId", alert.eventId(),
                                "reason", "every alert resolved")));
            }
            write(resolved.incident(), steps);
            if (resolved.incidentResolved()) {
                events.publishEvent(new IncidentEvent.Resolved(resolved.incident(), TimelineEntry.Actor.ALERT_ROUTER));
            }
            log.info("Alert {} of incident {} resolved{}", alert.dedupKey(), resolved.incident().id(),
                    resolved.incidentResolved() ? "; the incident resolved with it" : "");
        } else if (formation instanceof Formation.AcknowledgedBySender acknowledged) {
            Incident incident = acknowledged.incident();
            MDC.put("incidentId", incident.id().toString());
            incidents.update(incident.sequenced(1));
            TimelineEntry.Actor sender = new TimelineEntry.Actor(TimelineEntry.Actor.Kind.INTEGRATION, acknowledged.by());
            timeline.append(entries(incident, List.of(new Step(TimelineEntryType.ACKNOWLEDGED,
                    later(alert.receivedAt(), now), attributes("dedupKey", alert.dedupKey(), "alertEventId", alert.eventId(),
                            "via", "sender"))), sender));
            events.publishEvent(new IncidentEvent.Acknowledged(incident.sequenced(1), sender));
            log.info("Incident {} acknowledged by its sender {}", incident.id(), acknowledged.by());
        } else if (formation instanceof Formation.Suppressed suppressed) {
            suppress(suppressed, now);
        } else if (formation instanceof Formation.Ignored ignored) {
            log.info("Alert event {} ignored: {}", alert.eventId(), ignored.reason());
        } else {
            throw new IllegalStateException("Unhandled formation " + formation);
        }
    }

    /** The timeline lines of a repeat: the coalesced ALERT_DEDUPLICATED, FLAPPING when it started flapping. */
    private static List<Step> repeatSteps(Formation.Deduplicated repeat, Instant now) {
        Alert alert = repeat.alert();
        List<Step> steps = new ArrayList<>();
        if (repeat.noted()) {
            steps.add(new Step(TimelineEntryType.ALERT_DEDUPLICATED, later(alert.receivedAt(), now),
                    attributes("dedupKey", alert.dedupKey(), "alertEventId", alert.eventId(),
                            "count", Integer.toString(repeat.updated().count()),
                            "alertCount", Integer.toString(repeat.incident().alertCount()))));
        }
        if (repeat.flappingStarted()) {
            steps.add(flapping(alert, now));
        }
        return steps;
    }

    private void open(Formation.Opened opened, Owner owner, Instant now) {
        Alert alert = opened.alert();
        String serviceId = owner instanceof Owner.Resolved resolved ? resolved.serviceId() : null;
        // Response times count from when we received the alert, not from when we got to it.
        Instant openedAt = alert.receivedAt();
        Incident incident = new Incident(UUID.randomUUID(), alert.dedupKey(), IncidentStatus.OPEN, serviceId,
                owner.teamId(), alert.severity(), alert.summary(), openedAt, openedAt, null, 1, 1,
                opened.groupKey(), opened.flapping(), null, null, null);
        MDC.put("incidentId", incident.id().toString());
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(TimelineEntryType.INCIDENT_OPENED, openedAt, attributes("dedupKey", alert.dedupKey(),
                "alertEventId", alert.eventId(), "source", alert.source().name(), "groupKey", opened.groupKey())));
        steps.add(owner instanceof Owner.Resolved resolved
                ? new Step(TimelineEntryType.OWNER_RESOLVED, later(openedAt, now), attributes("serviceName",
                        resolved.serviceName(), "teamName", resolved.teamName(),
                        "escalationPolicyId", resolved.escalationPolicyId()))
                : new Step(TimelineEntryType.OWNER_UNKNOWN, later(openedAt, now),
                        attributes("reason", ((Owner.Unknown) owner).reason(), "catchAllTeam", owner.teamId())));
        if (opened.flapping()) {
            steps.add(flapping(alert, now));
        }
        incidents.insert(incident.sequenced(steps.size()));
        incidents.saveAlert(IncidentAlert.first(incident.id(), alert));
        timeline.append(entries(incident, steps, TimelineEntry.Actor.ALERT_ROUTER));
        events.publishEvent(new IncidentEvent.Opened(incident.sequenced(steps.size()), alert));
        log.info("Incident {} opened for alert {} and assigned to team {}", incident.id(), alert.dedupKey(), owner.teamId());
    }

    /**
     * A suppressed alert is recorded in suppressed_alert. The timeline hears of it once per alert and suppressor: a
     * silence has a timeline of its own (its id as the incident id, see README), an inhibition goes on the timeline
     * of the incident whose critical alert inhibits.
     */
    private void suppress(Formation.Suppressed suppressed, Instant now) {
        Alert alert = suppressed.alert();
        Instant at = later(alert.receivedAt(), now);
        if (suppressed.by() instanceof Formation.Suppression.Silenced silenced) {
            Silence silence = silenced.silence();
            if (incidents.recordSuppression("silence:" + silence.id(), alert, "silenced")) {
                long sequence = silences.nextSequence(silence.id());
                timeline.append(List.of(new TimelineEntry(UUID.randomUUID(), silence.id(), sequence,
                        TimelineEntryType.SUPPRESSED, at, TimelineEntry.Actor.ALERT_ROUTER,
                        alert.labels().get(IncidentDecisions.SERVICE_LABEL), null, alert.severity(), alert.summary(),
                        attributes("reason", "silenced", "silenceId", silence.id().toString(),
                                "dedupKey", alert.dedupKey(), "alertEventId", alert.eventId(),
                                "silenceAuthor", silence.author(), "silenceComment", silence.comment()))));
            }
            log.info("Alert {} suppressed by silence {}", alert.dedupKey(), silence.id());
        } else if (suppressed.by() instanceof Formation.Suppression.Inhibited inhibited) {
            IncidentAlert by = inhibited.by();
            if (incidents.recordSuppression("incident:" + by.incidentId(), alert, "inhibited-by")) {
                Incident incident = incidents.findByIdForUpdate(by.incidentId()).orElseThrow();
                write(incident, List.of(new Step(TimelineEntryType.SUPPRESSED, at, attributes("reason", "inhibited-by",
                        "inhibitedBy", by.dedupKey(), "dedupKey", alert.dedupKey(), "alertEventId", alert.eventId(),
                        "severity", alert.severity().name(), "summary", alert.summary()))));
            }
            log.info("Alert {} inhibited by critical alert {} of incident {}", alert.dedupKey(), by.dedupKey(),
                    by.incidentId());
        } else {
            throw new IllegalStateException("Unhandled suppression " + suppressed.by());
        }
    }

    /**
     * Resolves flapping incidents that have calmed down: every alert resolved and quiet for the flapping window.
     *
     * @return how many were resolved
     */
    public int settleFlapping() {
        int settled = 0;
        for (Incident candidate : incidents.flappingOpen()) {
            Boolean resolved = transactions.execute(status -> {
                Optional<Incident> locked = incidents.findByIdForUpdate(candidate.id()).filter(Incident::isOpen);
                if (locked.isEmpty()) {
                    return false;
                }
                List<IncidentAlert> alerts = incidents.alertsOf(candidate.id());
                Situation.Held held = new Situation.Held(locked.get(), alerts);
                List<AlertHistory> histories = alerts.stream().map(a -> incidents.history(a.dedupKey())).toList();
                Instant now = clock.instant();
                return IncidentDecisions.settle(held, histories, policy, now).map(incident -> {
                    write(incident, List.of(new Step(TimelineEntryType.RESOLVED, now,
                            attributes("reason", "flapping stopped: every alert resolved and quiet for "
                                    + policy.flapping().window()))));
                    events.publishEvent(new IncidentEvent.Resolved(incident, TimelineEntry.Actor.ALERT_ROUTER));
                    log.info("Flapping incident {} resolved after a quiet window", incident.id());
                    return true;
                }).orElse(false);
            });
            if (Boolean.TRUE.equals(resolved)) {
                settled++;
            }
        }
        return settled;
    }

    private static Step flapping(Alert alert, Instant now) {
        return new Step(TimelineEntryType.FLAPPING, later(alert.receivedAt(), now),
                attributes("dedupKey", alert.dedupKey(), "alertEventId", alert.eventId()));
    }

    /** Stores the incident with its sequence advanced past the entries, and appends the entries. */
    private void write(Incident incident, List<Step> steps) {
        incidents.update(incident.sequenced(steps.size()));
        timeline.append(entries(incident, steps, TimelineEntry.Actor.ALERT_ROUTER));
    }

    /** One timeline line still to be numbered. */
    record Step(TimelineEntryType type, Instant at, Map<String, String> attributes) {
    }

    /** The steps as entries numbered from the incident's next sequence. */
    static List<TimelineEntry> entries(Incident incident, List<Step> steps, TimelineEntry.Actor actor) {
        List<TimelineEntry> entries = new ArrayList<>();
        long sequence = incident.nextSequence();
        for (Step step : steps) {
            entries.add(new TimelineEntry(UUID.randomUUID(), incident.id(), sequence++, step.type(), step.at(), actor,
                    incident.serviceId(), incident.teamId(), incident.severity(), incident.summary(),
                    step.attributes()));
        }
        return entries;
    }

    /** Attributes without the null values: the contract's map holds strings only. */
    static Map<String, String> attributes(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
