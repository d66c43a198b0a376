package io.ownwatch.registry.ownership;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

import io.ownwatch.schemas.ownership.AlertCoordinates;

/**
 * What resolution knows about an alert: its labels and, when known, the Kubernetes coordinates it
 * comes from. Coordinates not given explicitly are read from the labels {@code cluster},
 * {@code namespace} and {@code deployment} (or {@code workload}), as kube-prometheus alerts carry them.
 */
public record AlertSubject(Map<String, String> labels, String cluster, String namespace, String workload) {

    public AlertSubject {
        // Not Map.copyOf: a label sent as JSON null is kept and reads as empty, as Alertmanager would treat it.
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(labels));
    }

    /** Fills missing coordinates from the labels, as {@link AlertCoordinates#of} defines for every reader of the contract. */
    public static AlertSubject of(Map<String, String> labels, String cluster, String namespace, String workload) {
        AlertCoordinates known = AlertCoordinates.of(labels, cluster, namespace, workload);
        return new AlertSubject(known.labels(), known.cluster(), known.namespace(), known.workload());
    }

    /** An alert known by its labels only. */
    public static AlertSubject ofLabels(Map<String, String> labels) {
        return of(labels, null, null, null);
    }
}
