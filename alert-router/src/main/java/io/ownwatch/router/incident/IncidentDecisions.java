package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import io.ownwatch.router.silence.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * How alerts become incidents, as pure functions: no I/O and no clock of their own, so they can be tested
 * exhaustively and replayed over old alerts. Times of alert facts (seen, grouped, flapping, silenced) are the
 * alert's received-at, so a replay or a late delivery decides as it would have on time.
 *
 * <p>The order of the rules for a firing alert: an incident that already holds its dedup key takes it (dedup);
 * otherwise a silence, then inhibition, may suppress it; otherwise an open incident with its group key within the
 * window takes it (grouping); otherwise it opens a new incident. Silences and inhibition therefore never take an
 * alert away from an incident it is already part of: they keep new incidents from being opened.
 */
public final class IncidentDecisions {

    /** The label inhibition compares: a critical alert inhibits lesser alerts of the same service. */
    static final String SERVICE_LABEL = "service";

    private IncidentDecisions() {
    }

    /**
     * Decides what an alert event does.
     *
     * @param alert the alert event
     * @param situation the incidents, history and silences it meets
     * @param policy grouping, resolution and flapping settings
     */
    public static Formation decide(Alert alert, Situation situation, FormationProperties policy) {
        situation.holding().ifPresent(held -> {
            if (held.alert(alert.dedupKey()).isEmpty() || !held.incident().isOpen()) {
                throw new IllegalArgumentException("Incident " + held.incident().id() + " does not hold an alert "
                        + alert.dedupKey());
            }
        });
        AlertHistory history = situation.history().heard(alert.status(), alert.receivedAt(), policy.flapping().window());
        boolean flappingNow = history.changes().size() > policy.flapping().threshold();
        return switch (alert.status()) {
            case FIRING -> situation.holding().isPresent()
                    ? repeat(alert, situation.holding().get().incident(),
                            situation.holding().get().alert(alert.dedupKey()).orElseThrow(), history, flappingNow, policy)
                    : fresh(alert, situation, history, flappingNow, policy);
            case RESOLVED -> situation.holding()
                    .map(held -> resolved(alert, held, history, flappingNow, policy))
                    .orElseGet(() -> new Formation.Ignored(alert, history, "resolved alert without an open incident"));
            case ACKNOWLEDGED -> situation.holding()
                    .map(held -> acknowledged(alert, held.incident(), history))
                    .orElseGet(() -> new Formation.Ignored(alert, history, "acknowledgement without an open incident"));
            case UNKNOWN -> new Formation.Ignored(alert, history, "alert status unknown");
        };
    }

    /** The sender's acknowledgement acknowledges the incident once; the first acknowledgement, a person's or not, stands. */
    private static Formation acknowledged(Alert alert, Incident incident, AlertHistory history) {
        if (incident.status() == IncidentStatus.ACKNOWLEDGED) {
            return new Formation.Ignored(alert, history, "incident already acknowledged");
        }
        String integration = alert.labels().get(Alert.INTEGRATION_LABEL);
        String by = integration != null ? "integration:" + integration : alert.source().name().toLowerCase(Locale.ROOT);
        return new Formation.AcknowledgedBySender(alert, history, incident.acknowledge(by, alert.receivedAt()), by);
    }

    /**
     * What {@link #decide} decides for a firing alert an open incident holds, from the incident and that one alert
     * only: a repeat's outcome depends on nothing else the incident holds. A batch folding a storm's repeats keeps
     * just these, so a repeat costs the same on an incident of one alert as on one of thousands.
     *
     * @param incident the open incident holding the alert's dedup key
     * @param held the incident's alert of that dedup key, as it stands
     * @param history the alert's history before this event
     */
    static Formation.Deduplicated repeat(Alert alert, Incident incident, IncidentAlert held, AlertHistory history,
            FormationProperties policy) {
        if (alert.status() != AlertStatus.FIRING || !held.dedupKey().equals(alert.dedupKey()) || !incident.isOpen()
                || !held.incidentId().equals(incident.id())) {
            throw new IllegalArgumentException("Alert " + alert.dedupKey() + " (" + alert.status()
                    + ") is not a firing repeat of alert " + held.dedupKey() + " of open incident " + incident.id());
        }
        AlertHistory heard = history.heard(alert.status(), alert.receivedAt(), policy.flapping().window());
        return repeat(alert, incident, held, heard, heard.changes().size() > policy.flapping().threshold(), policy);
    }

    private static Formation.Deduplicated repeat(Alert alert, Incident held, IncidentAlert before, AlertHistory history,
            boolean flappingNow, FormationProperties policy) {
        Incident incident = held.absorbed(alert.receivedAt(), alert.severity());
        boolean flappingStarted = flappingNow && !incident.flapping();
        if (flappingStarted) {
            incident = incident.markedFlapping();
        }
        // A resolved alert firing again inside a still-open incident is always worth a line; plain repeats are
        // coalesced: the first one, then at most one per interval.
        Instant lastNote = incident.deduplicatedNotedAt();
        boolean noted = !before.isFiring() || lastNote == null
                || !alert.receivedAt().isBefore(lastNote.plus(policy.deduplicatedEvery()));
        if (noted) {
            incident = incident.deduplicationNoted(Incident.later(lastNote == null ? alert.receivedAt() : lastNote,
                    alert.receivedAt()));
        }
        return new Formation.Deduplicated(alert, history, incident, before.fired(alert), noted, flappingStarted);
    }

    private static Formation fresh(Alert alert, Situation situation, AlertHistory history, boolean flappingNow,
            FormationProperties policy) {
        Optional<Silence> silence = situation.silences().stream()
                .filter(s -> s.isActiveAt(alert.receivedAt()) && s.matches(alert.labels()))
                .findFirst();
        if (silence.isPresent()) {
            return new Formation.Suppressed(alert, history, new Formation.Suppression.Silenced(silence.get()));
        }
        Optional<IncidentAlert> inhibitor = inhibitor(alert, situation.serviceAlerts());
        if (inhibitor.isPresent()) {
            return new Formation.Suppressed(alert, history, new Formation.Suppression.Inhibited(inhibitor.get()));
        }
        String groupKey = groupKey(alert.labels(), policy.by()).orElse(null);
        Optional<Incident> group = situation.groupCandidate()
                .filter(Incident::isOpen)
                .filter(candidate -> groupKey != null && groupKey.equals(candidate.groupKey()))
                .filter(candidate -> !alert.receivedAt().isAfter(candidate.lastSeenAt().plus(policy.window())));
        if (group.isPresent()) {
            Incident incident = group.get().absorbed(alert.receivedAt(), alert.severity());
            return new Formation.Grouped(alert, history, incident, IncidentAlert.first(incident.id(), alert));
        }
        return new Formation.Opened(alert, history, groupKey, flappingNow);
    }

    private static Formation resolved(Alert alert, Situation.Held held, AlertHistory history, boolean flappingNow,
            FormationProperties policy) {
        IncidentAlert before = held.alert(alert.dedupKey()).orElseThrow();
        if (!before.isFiring()) {
            return new Formation.Ignored(alert, history, "alert already resolved");
        }
        IncidentAlert after = before.resolved(alert);
        Incident incident = held.incident();
        boolean flappingStarted = flappingNow && !incident.flapping();
        if (flappingStarted) {
            incident = incident.markedFlapping();
        }
        boolean allResolved = held.alerts().stream()
                .allMatch(a -> a.dedupKey().equals(alert.dedupKey()) || !a.isFiring());
        // A flapping incident stays open until it has been quiet for the window: see settle.
        boolean resolve = allResolved && policy.autoResolve() && !incident.flapping();
        if (resolve) {
            incident = incident.resolve(alert.receivedAt());
        }
        return new Formation.AlertResolved(alert, history, incident, after, resolve, flappingStarted);
    }

    /**
     * Whether a flapping incident has calmed down: every alert resolved and none changed status for the whole
     * flapping window. Returns the resolved incident then, empty otherwise (also when auto-resolve is off).
     *
     * @param histories the histories of the incident's alerts
     * @param now the time of the check
     */
    public static Optional<Incident> settle(Situation.Held held, List<AlertHistory> histories,
            FormationProperties policy, Instant now) {
        Incident incident = held.incident();
        if (!incident.isOpen() || !incident.flapping() || !policy.autoResolve()
                || held.alerts().stream().anyMatch(IncidentAlert::isFiring)
                || !histories.stream().allMatch(h -> h.quietSince(now, policy.flapping().window()))) {
            return Optional.empty();
        }
        return Optional.of(incident.resolve(now));
    }

    /** A firing critical alert of the same service that inhibits this one, if any. */
    static Optional<IncidentAlert> inhibitor(Alert alert, List<IncidentAlert> serviceAlerts) {
        String service = alert.labels().get(SERVICE_LABEL);
        if (service == null || !Severities.inhibitable(alert.severity())) {
            return Optional.empty();
        }
        return serviceAlerts.stream()
                .filter(a -> a.isFiring() && a.severity() == Severity.CRITICAL)
                .filter(a -> service.equals(a.labels().get(SERVICE_LABEL)))
                .filter(a -> !a.dedupKey().equals(alert.dedupKey()))
                .findFirst();
    }

    /**
     * The group key of an alert: {@code label=value} of every group-by label, in the configured order. Empty when
     * grouping is off or the alert lacks one of the labels.
     */
    public static Optional<String> groupKey(Map<String, String> labels, List<String> by) {
        if (by.isEmpty()) {
            return Optional.empty();
        }
        StringJoiner key = new StringJoiner(",");
        for (String label : by) {
            String value = labels.get(label);
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            key.add(label + "=" + value);
        }
        return Optional.of(key.toString());
    }
}
