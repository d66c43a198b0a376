package io.ownwatch.router.incident;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.silence.Silence;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The decisions folded over a sequence of alerts, with the world kept in memory the way the JDBC adapter keeps it in
 * PostgreSQL: what the router would end up with, without a database. Test code only.
 */
final class FormationFold {

    final Map<UUID, Incident> incidents = new LinkedHashMap<>();
    final Map<UUID, List<IncidentAlert>> alerts = new LinkedHashMap<>();
    final Map<String, AlertHistory> histories = new LinkedHashMap<>();
    final List<Silence> silences = new ArrayList<>();
    final List<Formation> outcomes = new ArrayList<>();
    private final FormationProperties policy;

    FormationFold(FormationProperties policy) {
        this.policy = policy;
    }

    Formation apply(Alert alert) {
        Formation formation = IncidentDecisions.decide(alert, situation(alert), policy);
        outcomes.add(formation);
        histories.put(alert.dedupKey(), formation.history());
        if (formation instanceof Formation.Opened opened) {
            UUID id = UUID.nameUUIDFromBytes(("incident-" + incidents.size()).getBytes(StandardCharsets.UTF_8));
            incidents.put(id, new Incident(id, alert.dedupKey(), IncidentStatus.OPEN, "checkout", "payments",
                    alert.severity(), alert.summary(), alert.receivedAt(), alert.receivedAt(), null, 1, 3,
                    opened.groupKey(), opened.flapping(), null, null, null));
            alerts.put(id, new ArrayList<>(List.of(IncidentAlert.first(id, alert))));
        } else if (formation instanceof Formation.Grouped grouped) {
            store(grouped.incident(), grouped.added());
        } else if (formation instanceof Formation.Deduplicated repeat) {
            store(repeat.incident(), repeat.updated());
        } else if (formation instanceof Formation.AlertResolved resolved) {
            store(resolved.incident(), resolved.updated());
        } else if (formation instanceof Formation.AcknowledgedBySender acknowledged) {
            incidents.put(acknowledged.incident().id(), acknowledged.incident());
        }
        return formation;
    }

    void settle(java.time.Instant now) {
        for (Incident incident : List.copyOf(incidents.values())) {
            List<AlertHistory> h = alerts.get(incident.id()).stream().map(a -> histories.get(a.dedupKey())).toList();
            IncidentDecisions.settle(new Situation.Held(incident, alerts.get(incident.id())), h, policy, now)
                    .ifPresent(settled -> incidents.put(settled.id(), settled));
        }
    }

    private void store(Incident incident, IncidentAlert alert) {
        incidents.put(incident.id(), incident);
        alerts.put(incident.id(), with(alerts.get(incident.id()), alert));
    }

    /** The alerts of an incident with one replaced (or added at the end). */
    private static List<IncidentAlert> with(List<IncidentAlert> alerts, IncidentAlert changed) {
        List<IncidentAlert> result = new ArrayList<>();
        boolean replaced = false;
        for (IncidentAlert a : alerts) {
            if (a.dedupKey().equals(changed.dedupKey())) {
                result.add(changed);
                replaced = true;
            } else {
                result.add(a);
            }
        }
        if (!replaced) {
            result.add(changed);
        }
        return result;
    }

    Situation situation(Alert alert) {
        Optional<Situation.Held> holding = incidents.values().stream()
                .filter(Incident::isOpen)
                .filter(i -> alerts.get(i.id()).stream().anyMatch(a -> a.dedupKey().equals(alert.dedupKey())))
                .findFirst()
                .map(i -> new Situation.Held(i, alerts.get(i.id())));
        Optional<String> groupKey = IncidentDecisions.groupKey(alert.labels(), policy.by());
        Optional<Incident> group = groupKey.flatMap(key -> incidents.values().stream()
                .filter(Incident::isOpen)
                .filter(i -> key.equals(i.groupKey()))
                .max(Comparator.comparing(Incident::lastSeenAt)));
        List<IncidentAlert> held = incidents.values().stream()
                .filter(Incident::isOpen)
                .flatMap(i -> alerts.get(i.id()).stream())
                .toList();
        return new Situation(holding, group, histories.getOrDefault(alert.dedupKey(), AlertHistory.none(alert.dedupKey())),
                silences, held);
    }

    List<Incident> open() {
        return incidents.values().stream().filter(Incident::isOpen).toList();
    }

    Incident only() {
        if (incidents.size() != 1) {
            throw new AssertionError("expected one incident, got " + incidents.values());
        }
        return incidents.values().iterator().next();
    }

    List<IncidentAlert> alertsOf(Incident incident) {
        return alerts.get(incident.id());
    }
}
