package io.ownwatch.schemas.ownership;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What ownership resolution knows about an alert: its labels and, when known, the Kubernetes
 * coordinates it comes from ({@code null} = unknown). Coordinates not given explicitly are read from
 * the labels {@code cluster}, {@code namespace} and {@code deployment} (or {@code workload}), as
 * kube-prometheus alerts carry them.
 */
public record AlertCoordinates(Map<String, String> labels, String cluster, String namespace, String workload) {

    public AlertCoordinates {
        // Not Map.copyOf: a label sent as JSON null is kept and reads as empty, as Alertmanager would treat it.
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new HashMap<>(labels));
    }

    /** Fills missing coordinates from the labels. */
    public static AlertCoordinates of(Map<String, String> labels, String cluster, String namespace, String workload) {
        Map<String, String> known = labels == null ? Map.of() : labels;
        return new AlertCoordinates(known,
                firstPresent(cluster, known.get("cluster")),
                firstPresent(namespace, known.get("namespace")),
                firstPresent(workload, known.get("deployment"), known.get("workload")));
    }

    /** An alert known by its labels only. */
    public static AlertCoordinates ofLabels(Map<String, String> labels) {
        return of(labels, null, null, null);
    }

    private static String firstPresent(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
