package io.ownwatch.router.ingest;

import static io.ownwatch.router.ingest.JsonFields.absent;
import static io.ownwatch.router.ingest.JsonFields.optionalString;
import static io.ownwatch.router.ingest.JsonFields.requiredText;
import static io.ownwatch.router.ingest.JsonFields.stringMap;
import static io.ownwatch.router.ingest.JsonFields.time;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertSource;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Reads Ownwatch's own plain JSON alert, for anything that is neither Alertmanager, Grafana nor PagerDuty:
 * {@code {summary, severity, status?, dedupKey?, labels?, annotations?, startsAt?, endsAt?, source?}}, one such object,
 * or many of them as a JSON array or as {@code {"alerts": [...]}}.
 * Without a dedup key the alert's identity is its labels (or, with no labels, its summary), so that a
 * resolve with the same labels closes what the trigger opened. Pure: time and ids are passed in.
 * <p>
 * Many alerts are validated all or nothing: the first bad one refuses the whole body, its field named with its index
 * ({@code alerts[3].summary}, or {@code [3].summary} for a bare array), so a sender never has to work out which of its
 * alerts were taken. How many one body may hold is bounded (besides the body size), since each is a record to write
 * before the answer.
 */
public final class GenericAlert {

    /** The member of the list form {@code {"alerts": [...]}}. */
    private static final String ALERTS = "alerts";

    private GenericAlert() {
    }

    /**
     * Parses and validates one alert, the single-object form.
     *
     * @throws MalformedAlertPayload when the body is not JSON
     * @throws InvalidAlertField naming the first field that is missing or invalid
     */
    public static Alert parse(byte[] body, Instant receivedAt, String eventId) {
        return alert(JsonFields.object(body, "an alert JSON object"), "", receivedAt, eventId);
    }

    /**
     * Parses and validates a body of any of the three forms: one alert object, an array of them, or
     * {@code {"alerts": [...]}}.
     *
     * @param maxAlerts most alerts one body may hold
     * @return the alerts in body order, each with its own event id
     * @throws MalformedAlertPayload when the body is not JSON
     * @throws InvalidAlertField naming the first field that is missing or invalid, with the index of its alert, or
     *         naming the list when it is empty or longer than {@code maxAlerts}
     */
    public static List<Alert> parseAll(byte[] body, Instant receivedAt, Supplier<String> eventIds, int maxAlerts) {
        JsonNode root = JsonFields.tree(body, "an alert JSON object, an array of them or {\"alerts\": [...]}");
        String listPath;
        JsonNode list;
        if (root.isArray()) {
            listPath = "$";
            list = root;
        } else if (root.isObject() && root.has(ALERTS)) {
            listPath = ALERTS;
            list = root.get(ALERTS);
            if (!list.isArray()) {
                throw new InvalidAlertField(ALERTS, "must be an array of alert objects");
            }
        } else if (root.isObject()) {
            return List.of(alert(root, "", receivedAt, eventIds.get()));
        } else {
            throw new InvalidAlertField("$", "the body must be an alert JSON object, an array of them or {\"alerts\": [...]}");
        }
        if (list.isEmpty()) {
            throw new InvalidAlertField(listPath, "must contain at least one alert");
        }
        if (list.size() > maxAlerts) {
            throw new InvalidAlertField(listPath, "holds " + list.size() + " alerts; at most " + maxAlerts
                    + " are accepted per request");
        }
        String prefix = root.isArray() ? "" : ALERTS;
        List<Alert> alerts = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String path = prefix + "[" + i + "]";
            JsonNode node = list.get(i);
            if (!node.isObject()) {
                throw new InvalidAlertField(path, "must be an alert JSON object");
            }
            alerts.add(alert(node, path + ".", receivedAt, eventIds.get()));
        }
        return List.copyOf(alerts);
    }

    /** One alert object; {@code prefix} ({@code ""} or {@code alerts[3].}) goes before every field name. */
    private static Alert alert(JsonNode root, String prefix, Instant receivedAt, String eventId) {
        String summary = requiredText(root.get("summary"), prefix + "summary");
        Severity severity = severity(root.get("severity"), prefix + "severity");
        AlertStatus status = absent(root.get("status")) ? AlertStatus.FIRING
                : AlertmanagerWebhook.status(root.get("status"), prefix + "status");
        Map<String, String> labels = new LinkedHashMap<>(stringMap(root.get("labels"), prefix + "labels", false));
        Map<String, String> annotations = stringMap(root.get("annotations"), prefix + "annotations", false);
        Instant startsAt = time(root.get("startsAt"), prefix + "startsAt", false);
        Instant endsAt = time(root.get("endsAt"), prefix + "endsAt", false);
        if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
            throw new InvalidAlertField(prefix + "endsAt", "may not be before startsAt");
        }
        String source = optionalString(root.get("source"), prefix + "source");
        JsonNode dedupNode = root.get("dedupKey");
        String dedupKey = absent(dedupNode) ? null : requiredText(dedupNode, prefix + "dedupKey");
        if (dedupKey == null) {
            dedupKey = AlertmanagerWebhook.labelHash(labels.isEmpty() ? Map.of("summary", summary) : labels);
        }
        if (source != null && !source.isBlank()) {
            labels.putIfAbsent("source", source);
        }
        return new Alert(eventId, dedupKey, AlertSource.JSON, status, severity, summary, labels, annotations,
                startsAt == null ? receivedAt : startsAt, endsAt, receivedAt, null);
    }

    private static Severity severity(JsonNode node, String path) {
        String value = requiredText(node, path);
        Severity severity = Severity.fromLabel(value);
        if (severity == Severity.UNKNOWN) {
            throw new InvalidAlertField(path, "must be one of critical, error, warning, info");
        }
        return severity;
    }
}
