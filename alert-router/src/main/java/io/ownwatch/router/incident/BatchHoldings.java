package io.ownwatch.router.incident;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The working state of a batch that folds repeats: per dedup key the incident holding it and that one alert, per
 * incident its latest state, per dedup key its history; and what the folds changed, written once when the batch
 * flushes. Keyed by dedup key, so a repeat costs a few map operations whatever the size of its incident (the batch
 * used to copy the incident's whole alert list per repeat).
 *
 * <p>Not thread-safe: one batch, one thread.
 */
final class BatchHoldings {

    /** Dedup keys looked up so far: the held alert of each, or {@code null} when no unresolved incident holds it. */
    private final Map<String, IncidentAlert> alerts = new HashMap<>();
    private final Map<UUID, Incident> incidents = new HashMap<>();
    private final Map<String, AlertHistory> histories = new HashMap<>();
    /** The histories as the database has them, to leave unchanged ones unwritten. */
    private final Map<String, AlertHistory> storedHistories = new HashMap<>();
    private final Map<UUID, Incident> changedIncidents = new LinkedHashMap<>();
    private final Map<String, IncidentAlert> changedAlerts = new LinkedHashMap<>();
    private final Set<String> foldedKeys = new LinkedHashSet<>();

    /** Whether this dedup key was looked up since the last {@link #forget}. */
    boolean knows(String dedupKey) {
        return alerts.containsKey(dedupKey);
    }

    /**
     * Takes what was read for these dedup keys. A key already known keeps the state the batch gave it; an incident
     * already known keeps its state too (the batch's is newer than the database's until it flushes).
     *
     * @param held the held alerts found, by dedup key ({@link Incidents#findHeldAlerts})
     * @param stored the histories found, by dedup key, one for every key ({@link Incidents#histories})
     */
    void load(Collection<String> dedupKeys, Map<String, HeldAlert> held, Map<String, AlertHistory> stored) {
        for (String dedupKey : dedupKeys) {
            if (knows(dedupKey)) {
                continue;
            }
            HeldAlert found = held.get(dedupKey);
            alerts.put(dedupKey, found == null ? null : found.alert());
            if (found != null) {
                incidents.putIfAbsent(found.incident().id(), found.incident());
            }
            AlertHistory history = stored.getOrDefault(dedupKey, AlertHistory.none(dedupKey));
            histories.put(dedupKey, history);
            storedHistories.put(dedupKey, history);
        }
    }

    /** The incident holding a known dedup key, as the batch has it now, with that key's alert; empty when none does. */
    Optional<HeldAlert> holding(String dedupKey) {
        IncidentAlert alert = known(dedupKey) ? alerts.get(dedupKey) : null;
        return alert == null ? Optional.empty() : Optional.of(new HeldAlert(incidents.get(alert.incidentId()), alert));
    }

    /** The history of a known dedup key, as the batch has it now. */
    AlertHistory history(String dedupKey) {
        known(dedupKey);
        return histories.get(dedupKey);
    }

    /**
     * Applies a folded repeat.
     *
     * @param stored the repeat's incident with its sequence advanced past the repeat's timeline entries
     */
    void folded(Formation.Deduplicated repeat, Incident stored) {
        IncidentAlert updated = repeat.updated();
        if (!known(updated.dedupKey()) || !stored.id().equals(updated.incidentId())) {
            throw new IllegalArgumentException("Alert " + updated.dedupKey() + " of incident " + updated.incidentId()
                    + " was not loaded or belongs to another incident");
        }
        alerts.put(updated.dedupKey(), updated);
        incidents.put(stored.id(), stored);
        histories.put(updated.dedupKey(), repeat.history());
        changedIncidents.put(stored.id(), stored);
        changedAlerts.put(updated.dedupKey(), updated);
        foldedKeys.add(updated.dedupKey());
    }

    /** The incidents folds changed since the last {@link #written}, each in its latest state. */
    Collection<Incident> changedIncidents() {
        return List.copyOf(changedIncidents.values());
    }

    /** The alerts folds changed since the last {@link #written}, one per dedup key, each in its latest state. */
    Collection<IncidentAlert> changedAlerts() {
        return List.copyOf(changedAlerts.values());
    }

    /** The histories that differ from what the database has: a repeat of a firing alert mostly changes none. */
    Collection<AlertHistory> changedHistories() {
        return foldedKeys.stream()
                .filter(dedupKey -> !histories.get(dedupKey).equals(storedHistories.get(dedupKey)))
                .map(histories::get)
                .toList();
    }

    /** The changes are in the database now. */
    void written() {
        foldedKeys.forEach(dedupKey -> storedHistories.put(dedupKey, histories.get(dedupKey)));
        foldedKeys.clear();
        changedIncidents.clear();
        changedAlerts.clear();
    }

    /**
     * Forgets what an event routed on the database may have changed: its own dedup key (its history, and the incident
     * holding it now) and, when it changed an incident, that incident and every key it holds (its state, or whether
     * it still holds them). An event changes no other incident, so the rest stays known: a batch of distinct alerts,
     * each opening an incident, reads each key once, not once more after every opening.
     *
     * @param incidentId the existing incident the event changed, or {@code null}
     */
    void forget(String dedupKey, UUID incidentId) {
        if (!foldedKeys.isEmpty()) {
            throw new IllegalStateException("Changes of the batch are not written yet");
        }
        forgetKey(dedupKey);
        if (incidentId != null) {
            incidents.remove(incidentId);
            List<String> held = alerts.entrySet().stream()
                    .filter(entry -> entry.getValue() != null && entry.getValue().incidentId().equals(incidentId))
                    .map(Map.Entry::getKey)
                    .toList();
            held.forEach(this::forgetKey);
        }
    }

    private void forgetKey(String dedupKey) {
        alerts.remove(dedupKey);
        histories.remove(dedupKey);
        storedHistories.remove(dedupKey);
    }

    private boolean known(String dedupKey) {
        if (!knows(dedupKey)) {
            throw new IllegalArgumentException("Dedup key " + dedupKey + " was not loaded");
        }
        return true;
    }
}
