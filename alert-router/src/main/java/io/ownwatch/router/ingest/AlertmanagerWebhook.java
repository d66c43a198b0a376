package io.ownwatch.router.ingest;

import static io.ownwatch.router.ingest.JsonFields.absent;
import static io.ownwatch.router.ingest.JsonFields.optionalString;
import static io.ownwatch.router.ingest.JsonFields.stringMap;
import static io.ownwatch.router.ingest.JsonFields.time;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertSource;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Reads Prometheus Alertmanager's webhook (version 4) into normalised alerts. A pure function: the
 * receive time and the event ids are passed in, and every field is checked before anything is
 * returned, so a bad payload is rejected as a whole.
 */
public final class AlertmanagerWebhook {

    private AlertmanagerWebhook() {
    }

    /**
     * Parses and validates a webhook body.
     *
     * @param body the raw request body
     * @param receivedAt server time of receipt, stamped on every alert
     * @param eventIds supplies one new event id per alert
     * @throws MalformedAlertPayload when the body is not JSON
     * @throws InvalidAlertField naming the first field that is missing or invalid
     */
    public static List<Alert> parse(byte[] body, Instant receivedAt, Supplier<String> eventIds) {
        JsonNode root = JsonFields.object(body, "an Alertmanager webhook JSON object");
        JsonNode version = root.get("version");
        if (!absent(version) && !(version.isString() && "4".equals(version.stringValue()))) {
            throw new InvalidAlertField("version", "only Alertmanager webhook version \"4\" is supported");
        }
        JsonNode alerts = alerts(root);
        List<Alert> result = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            result.add(alert(alerts.get(i), "alerts[" + i + "]", AlertSource.ALERTMANAGER, Map.of(), receivedAt, eventIds));
        }
        return List.copyOf(result);
    }

    /** The non-empty {@code alerts} array that Alertmanager and Grafana both send. */
    static JsonNode alerts(JsonNode root) {
        JsonNode alerts = root.get("alerts");
        if (absent(alerts)) {
            throw new InvalidAlertField("alerts", "is required");
        }
        if (!alerts.isArray()) {
            throw new InvalidAlertField("alerts", "must be an array");
        }
        if (alerts.isEmpty()) {
            throw new InvalidAlertField("alerts", "must contain at least one alert");
        }
        return alerts;
    }

    /**
     * One alert of the Alertmanager shape, which Grafana's webhook extends.
     *
     * @param extraAnnotations added to the sender's annotations where it has none of that name
     */
    static Alert alert(JsonNode node, String path, AlertSource source, Map<String, String> extraAnnotations,
            Instant receivedAt, Supplier<String> eventIds) {
        if (node == null || !node.isObject()) {
            throw new InvalidAlertField(path, "must be an object");
        }
        AlertStatus status = status(node.get("status"), path + ".status");
        Map<String, String> labels = stringMap(node.get("labels"), path + ".labels", true);
        Map<String, String> annotations = new LinkedHashMap<>(stringMap(node.get("annotations"), path + ".annotations", false));
        extraAnnotations.forEach(annotations::putIfAbsent);
        Instant startsAt = time(node.get("startsAt"), path + ".startsAt", true);
        Instant endsAt = time(node.get("endsAt"), path + ".endsAt", false);
        String generatorUrl = optionalString(node.get("generatorURL"), path + ".generatorURL");
        String fingerprint = optionalString(node.get("fingerprint"), path + ".fingerprint");
        String dedupKey = fingerprint == null || fingerprint.isBlank() ? labelHash(labels) : fingerprint;
        return new Alert(
                eventIds.get(),
                dedupKey,
                source,
                status,
                Severity.fromLabel(labels.get("severity")),
                summary(labels, annotations),
                labels,
                annotations,
                startsAt,
                endsAt,
                receivedAt,
                generatorUrl == null || generatorUrl.isBlank() ? null : generatorUrl);
    }

    static AlertStatus status(JsonNode node, String path) {
        if (absent(node)) {
            throw new InvalidAlertField(path, "is required");
        }
        if (node.isString()) {
            switch (node.stringValue()) {
                case "firing":
                    return AlertStatus.FIRING;
                case "resolved":
                    return AlertStatus.RESOLVED;
                default:
                    break;
            }
        }
        throw new InvalidAlertField(path, "must be \"firing\" or \"resolved\"");
    }

    private static String summary(Map<String, String> labels, Map<String, String> annotations) {
        for (String candidate : new String[] {annotations.get("summary"), annotations.get("description"), labels.get("alertname")}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return "";
    }

    /**
     * A stable identity when the sender gives no fingerprint: the same label set always hashes the
     * same, whatever the order the labels arrived in. Lengths are included so that no two
     * different label sets can encode to the same text.
     */
    static String labelHash(Map<String, String> labels) {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(labels).forEach((name, value) -> canonical
                .append(name.length()).append(':').append(name)
                .append(value.length()).append(':').append(value)
                .append('\n'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "labels-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
