package io.ownwatch.router.escalation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.incident.IncidentJournal;
import io.ownwatch.router.incident.IncidentStatus;
import io.ownwatch.router.incident.Incidents;
import io.ownwatch.router.notification.Page;
import io.ownwatch.router.notification.Pages;
import io.ownwatch.router.timeline.TimelineEntry;
import io.ownwatch.router.timeline.TimelineEntryType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable timer: every instance claims due escalation steps ({@code FOR UPDATE SKIP LOCKED}, database time),
 * asks the registry outside any transaction whom the step reaches (the policy at the first step, the on-call people
 * and channels at every step), then, in one transaction on the locked incident and escalation, checks that the step
 * is still due and unchanged, queues its pages, writes its timeline entry and moves the deadline. A step therefore
 * fires once however many instances run, and a deadline that passed while every instance was down fires at the
 * next poll. When the registry cannot answer, the step is tried again with back-off and the timeline hears of it
 * once per step. Each paged level is published ({@link EscalationEvent.LevelPaged}) inside the step's transaction.
 */
@Component
class EscalationWorker {

    static final String REGISTRY_UNREACHABLE = "on-call unknown: registry unreachable";
    private static final Logger log = LoggerFactory.getLogger(EscalationWorker.class);

    private final Escalations escalations;
    private final Directory directory;
    private final NotificationRules rules;
    private final Pages pages;
    private final Incidents incidents;
    private final IncidentJournal journal;
    private final TransactionTemplate transactions;
    private final EscalationProperties properties;
    private final ApplicationEventPublisher events;
    private final Counter firstPages;
    private final Counter escalated;
    private final Counter quiet;
    private final Counter exhausted;
    private final Counter retried;

    EscalationWorker(Escalations escalations, Directory directory, NotificationRules rules, Pages pages,
            Incidents incidents, IncidentJournal journal, TransactionTemplate transactions,
            EscalationProperties properties, MeterRegistry meters, ApplicationEventPublisher events) {
        this.escalations = escalations;
        this.directory = directory;
        this.rules = rules;
        this.pages = pages;
        this.incidents = incidents;
        this.journal = journal;
        this.transactions = transactions;
        this.properties = properties;
        this.events = events;
        this.firstPages = steps(meters, "first-page");
        this.escalated = steps(meters, "escalated");
        this.quiet = steps(meters, "quiet");
        this.exhausted = Counter.builder("ownwatch.escalation.exhausted")
                .description("Escalations that paged every level of every round without an acknowledgement")
                .register(meters);
        this.retried = steps(meters, "registry-unreachable");
    }

    private static Counter steps(MeterRegistry meters, String kind) {
        return Counter.builder("ownwatch.escalation.steps")
                .description("Escalation steps fired, by what they did")
                .tag("kind", kind)
                .register(meters);
    }

    @Scheduled(fixedDelayString = "${ownwatch.router.escalation.poll-every:1s}", initialDelayString = "${ownwatch.router.escalation.poll-every:1s}")
    void poll() {
        if (!properties.enabled()) {
            return;
        }
        List<Escalation> claimed;
        do {
            claimed = escalations.claimDue(properties.batchSize(), properties.claimLease());
            Directory directory = new RememberingDirectory(this.directory);
            for (Escalation escalation : claimed) {
                try (MDC.MDCCloseable id = MDC.putCloseable("incidentId", escalation.incidentId().toString())) {
                    fire(escalation, directory);
                } catch (RuntimeException e) {
                    // The claim lapses after its lease and the step is tried again; nothing was written.
                    log.warn("Escalation step of incident {} failed; it is tried again after the claim lease",
                            escalation.incidentId(), e);
                }
            }
        } while (claimed.size() == properties.batchSize());
    }

    /** Whom a step reaches, found outside the transaction. */
    private record Reach(List<Contact> people, List<TeamChannel> channels) {
    }

    private void fire(Escalation claimed, Directory directory) {
        Optional<Incident> incident = incidents.findById(claimed.incidentId());
        if (incident.isEmpty() || incident.get().status() != IncidentStatus.OPEN) {
            // Stopped by an event that was not seen (or an incident gone): nothing to page.
            transactions.executeWithoutResult(tx -> stopIfUnchanged(claimed));
            return;
        }
        boolean isQuiet = properties.quietSeverities().contains(incident.get().severity());
        Reach reach;
        PolicySnapshot snapshot;
        Decision preview;
        try {
            snapshot = claimed.snapshot() != null ? claimed.snapshot() : takeSnapshot(claimed, directory);
            preview = EscalationSteps.next(snapshot, claimed.state(), new Trigger.Due(isQuiet), escalations.now());
            reach = reach(preview, incident.get(), directory);
        } catch (Directory.Unreachable e) {
            retried.increment();
            transactions.executeWithoutResult(tx -> retryLater(claimed, e));
            return;
        }
        PolicySnapshot taken = snapshot;
        Decision prepared = preview;
        boolean applied = Boolean.TRUE.equals(transactions.execute(tx -> apply(claimed, taken, prepared, reach, isQuiet)));
        if (!applied) {
            escalations.release(claimed.incidentId());
        }
    }

    /** The policy at the first step: the service's, the catch-all's or the team's, else the team's channels only. */
    private PolicySnapshot takeSnapshot(Escalation escalation, Directory directory) {
        Optional<String> policyId;
        if (escalation.serviceId() != null) {
            policyId = directory.policyOfService(escalation.serviceId());
            if (policyId.isEmpty()) {
                policyId = directory.policyOfTeam(escalation.teamId());
            }
        } else if (escalation.state().generation() == 1) {
            policyId = Optional.ofNullable(properties.catchAllPolicyId()).filter(id -> !id.isBlank());
        } else {
            policyId = directory.policyOfTeam(escalation.teamId());
        }
        return policyId.flatMap(directory::policy)
                .map(policy -> new PolicySnapshot(policy.policyId(), escalation.teamId(), policy.repeat(), policy.levels()))
                .orElseGet(() -> PolicySnapshot.teamChannelsOnly(escalation.teamId()));
    }

    private Reach reach(Decision decision, Incident incident, Directory directory) {
        if (decision instanceof Decision.PostQuietly) {
            return new Reach(List.of(), directory.channelsOf(incident.teamId()));
        }
        if (!(decision instanceof Decision.Page page)) {
            return new Reach(List.of(), List.of());
        }
        Set<String> personIds = new LinkedHashSet<>();
        List<TeamChannel> channels = new ArrayList<>();
        for (PolicySnapshot.Target target : page.targets()) {
            switch (target.type()) {
                case SCHEDULE -> directory.onCall(target.id()).ifPresent(personIds::add);
                case PERSON -> personIds.add(target.id());
                case TEAM_CHANNEL -> channels.addAll(directory.channelsOf(target.id()));
            }
        }
        List<Contact> people = new ArrayList<>();
        for (String personId : personIds) {
            directory.person(personId).ifPresent(people::add);
        }
        return new Reach(people, channels);
    }

    /** The step, on the locked incident and escalation; false when it no longer applies as prepared. */
    private boolean apply(Escalation claimed, PolicySnapshot snapshot, Decision prepared, Reach reach, boolean isQuiet) {
        Optional<Incident> incident = journal.lock(claimed.incidentId());
        Optional<Escalation> current = escalations.findForUpdate(claimed.incidentId());
        if (incident.isEmpty() || current.isEmpty() || current.get().version() != claimed.version()) {
            return false;
        }
        Instant now = escalations.now();
        Escalation escalation = current.get().withSnapshot(snapshot);
        Decision decision = EscalationSteps.next(snapshot, escalation.state(), new Trigger.Due(isQuiet), now);
        if (!decision.equals(rebased(prepared, decision))) {
            return false;
        }
        if (decision instanceof Decision.Page page) {
            page(incident.get(), escalation, page, reach, now);
        } else if (decision instanceof Decision.PostQuietly) {
            postQuietly(incident.get(), escalation, reach);
        } else if (decision instanceof Decision.Exhaust exhaust) {
            journal.record(escalation.incidentId(), TimelineEntryType.ESCALATION_EXHAUSTED, now,
                    TimelineEntry.Actor.ALERT_ROUTER, attributes("policyId", snapshot.policyId(),
                            "rounds", Integer.toString(exhaust.rounds()), "levels", Integer.toString(exhaust.levels()),
                            "reason", "nobody acknowledged after every level of every round"));
            escalations.update(escalation.with(new EscalationState(EscalationState.Status.EXHAUSTED,
                    escalation.state().generation(), escalation.state().round(), escalation.state().level(), null, null)));
            exhausted.increment();
            log.info("Escalation of incident {} exhausted", escalation.incidentId());
        } else {
            return false;
        }
        return true;
    }

    /** The prepared decision with the transaction's deadline, so that only a change of substance counts. */
    private static Decision rebased(Decision prepared, Decision now) {
        if (prepared instanceof Decision.Page page && now instanceof Decision.Page current) {
            return new Decision.Page(page.round(), page.level(), page.escalated(), page.reason(), page.targets(),
                    current.nextDueAt());
        }
        return prepared;
    }

    private void page(Incident incident, Escalation escalation, Decision.Page page, Reach reach, Instant now) {
        EscalationState state = escalation.state();
        NotificationPolicy.Step step = new NotificationPolicy.Step(incident.id(), escalation.teamId(),
                state.generation(), page.round(), page.level(), details(incident, escalation, page.round(), page.level(),
                        page.reason()));
        List<Contact> paged = stormGuarded(incident, escalation, reach.people(), now);
        List<NotificationPolicy.Planned> planned = NotificationPolicy.plan(step, paged, rules::of, reach.channels());
        planned.forEach(p -> pages.enqueue(p.page(), p.delay()));
        if (page.escalated()) {
            journal.record(incident.id(), TimelineEntryType.ESCALATED, now, TimelineEntry.Actor.ALERT_ROUTER,
                    attributes("round", Integer.toString(page.round()), "level", Integer.toString(page.level()),
                            "reason", page.reason(), "policyId", escalation.snapshot().policyId(),
                            "people", String.join(",", reach.people().stream().map(Contact::personId).toList()),
                            "channels", Integer.toString(reach.channels().size())));
            escalated.increment();
        } else {
            firstPages.increment();
        }
        if (reach.people().isEmpty() && reach.channels().isEmpty()) {
            journal.record(incident.id(), TimelineEntryType.NOTIFICATION_FAILED, now, TimelineEntry.Actor.ALERT_ROUTER,
                    attributes("reason", "nobody to notify at level " + page.level() + ": no one on call, no channel",
                            "round", Integer.toString(page.round()), "level", Integer.toString(page.level())));
        }
        escalations.update(new Escalation(escalation.incidentId(), escalation.teamId(), escalation.serviceId(),
                escalation.snapshot(), new EscalationState(EscalationState.Status.RUNNING, state.generation(),
                        page.round(), page.level(), page.nextDueAt(), null),
                escalation.version(), 0, escalation.failureNoted()));
        events.publishEvent(new EscalationEvent.LevelPaged(incident.id(), page.level(), page.round()));
        log.info("Incident {}: level {} of round {} notified ({} of {} people paged, {} channels)", incident.id(),
                page.level(), page.round(), paged.size(), reach.people().size(), reach.channels().size());
    }

    /**
     * The storm guard: the people the team's per-minute cap still admits are paged; each one beyond it gets this
     * incident counted in their one summary of the minute instead.
     */
    private List<Contact> stormGuarded(Incident incident, Escalation escalation, List<Contact> people, Instant now) {
        if (people.isEmpty()) {
            return people;
        }
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        int before = escalations.admitPages(escalation.teamId(), minute, people.size(), properties.pagesPerTeamPerMinute());
        StormGuard.Split split = StormGuard.split(people.stream().map(Contact::personId).toList(), before,
                properties.pagesPerTeamPerMinute());
        for (Contact person : people) {
            if (!split.heldBack().contains(person.personId()) || person.email() == null) {
                continue;
            }
            int heldBack = escalations.holdBack(escalation.teamId(), person.personId(), minute, incident.id());
            String id = StormGuard.summaryId(escalation.teamId(), person.personId(), minute);
            Duration untilMinuteEnds = Duration.between(now, minute.plus(Duration.ofMinutes(1)));
            pages.enqueue(new Page(id, null, escalation.teamId(), person.personId(),
                    io.ownwatch.router.notification.Channel.EMAIL, person.email(), Page.Kind.STORM_SUMMARY, 0,
                    Map.of("minute", minute.toString(), "heldBack", Integer.toString(heldBack))), untilMinuteEnds);
            escalations.updateSummary(id, heldBack);
            log.info("Storm guard: page of {} for incident {} held back ({} this minute)", person.personId(),
                    incident.id(), heldBack);
        }
        return people.stream().filter(person -> split.paged().contains(person.personId())).toList();
    }

    private void postQuietly(Incident incident, Escalation escalation, Reach reach) {
        EscalationState state = escalation.state();
        NotificationPolicy.Step step = new NotificationPolicy.Step(incident.id(), escalation.teamId(),
                state.generation(), 1, 1, details(incident, escalation, 1, 1, "low severity: team channels only"));
        NotificationPolicy.plan(step, List.of(), rules::of, reach.channels())
                .forEach(p -> pages.enqueue(p.page(), p.delay()));
        escalations.update(escalation.with(new EscalationState(EscalationState.Status.STOPPED, state.generation(), 1, 1,
                null, null)));
        quiet.increment();
        log.info("Incident {} is {}: told {} team channels, paged nobody", incident.id(), incident.severity(),
                reach.channels().size());
    }

    private void retryLater(Escalation claimed, Directory.Unreachable e) {
        Optional<Incident> incident = journal.lock(claimed.incidentId());
        Optional<Escalation> current = escalations.findForUpdate(claimed.incidentId());
        if (incident.isEmpty() || current.isEmpty() || current.get().version() != claimed.version()) {
            return;
        }
        Escalation escalation = current.get();
        Instant now = escalations.now();
        Duration wait = properties.backOff(escalation.attempts());
        String step = escalation.stepKey();
        boolean firstFailure = !step.equals(escalation.failureNoted());
        if (firstFailure) {
            journal.record(claimed.incidentId(), TimelineEntryType.NOTIFICATION_FAILED, now,
                    TimelineEntry.Actor.ALERT_ROUTER, attributes("reason", REGISTRY_UNREACHABLE,
                            "step", step, "retryIn", wait.toString()));
        }
        EscalationState state = escalation.state();
        escalations.update(new Escalation(escalation.incidentId(), escalation.teamId(), escalation.serviceId(),
                escalation.snapshot(), new EscalationState(state.status(), state.generation(), state.round(),
                        state.level(), now.plus(wait), state.reason()),
                escalation.version(), escalation.attempts() + 1, step));
        log.warn("Incident {}: escalation step {} deferred by {}: {}", claimed.incidentId(), step, wait, e.getMessage());
    }

    private void stopIfUnchanged(Escalation claimed) {
        Optional<Incident> incident = journal.lock(claimed.incidentId());
        Optional<Escalation> current = escalations.findForUpdate(claimed.incidentId());
        if (current.isEmpty() || current.get().version() != claimed.version()) {
            return;
        }
        if (incident.isPresent() && incident.get().status() == IncidentStatus.OPEN) {
            escalations.release(claimed.incidentId());
            return;
        }
        EscalationState state = current.get().state();
        escalations.update(current.get().with(new EscalationState(EscalationState.Status.STOPPED, state.generation(),
                state.round(), state.level(), null, null)));
    }

    private static Map<String, String> details(Incident incident, Escalation escalation, int round, int level,
            String reason) {
        return attributes("summary", incident.summary(), "severity", incident.severity().name(),
                "serviceId", incident.serviceId(), "teamId", escalation.teamId(),
                "round", Integer.toString(round), "level", Integer.toString(level), "reason", reason);
    }

    static Map<String, String> attributes(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
