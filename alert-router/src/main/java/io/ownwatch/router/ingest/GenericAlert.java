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
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads Ownwatch's own plain JSON alert, for anything that is neither Alertmanager, Grafana nor PagerDuty:
 * {@code {summary, severity, status?, dedupKey?, labels?, annotations?, startsAt?, endsAt?, source?}}.
 * Without a dedup key the alert's identity is its labels (or, with no labels, its summary), so that a
 * resolve with the same labels closes what the trigger opened. Pure: time and ids are passed in.
 */
public final class GenericAlert {

    private GenericAlert() {
    }

    /**
     * Parses and validates one alert.
     *
     * @throws MalformedAlertPayload when the body is not JSON
     * @throws InvalidAlertField naming the first field that is missing or invalid
     */
    public static Alert parse(byte[] body, Instant receivedAt, String eventId) {
        JsonNode root = JsonFields.object(body, "an alert JSON object");
        String summary = requiredText(root.get("summary"), "summary");
        Severity severity = severity(root.get("severity"));
        AlertStatus status = absent(root.get("status")) ? AlertStatus.FIRING
                : AlertmanagerWebhook.status(root.get("status"), "status");
        Map<String, String> labels = new LinkedHashMap<>(stringMap(root.get("labels"), "labels", false));
        Map<String, String> annotations = stringMap(root.get("annotations"), "annotations", false);
        Instant startsAt = time(root.get("startsAt"), "startsAt", false);
        Instant endsAt = time(root.get("endsAt"), "endsAt", false);
        if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
            throw new InvalidAlertField("endsAt", "may not be before startsAt");
        }
        String source = optionalString(root.get("source"), "source");
        JsonNode dedupNode = root.get("dedupKey");
        String dedupKey = absent(dedupNode) ? null : requiredText(dedupNode, "dedupKey");
        if (dedupKey == null) {
            dedupKey = AlertmanagerWebhook.labelHash(labels.isEmpty() ? Map.of("summary", summary) : labels);
        }
        if (source != null && !source.isBlank()) {
            labels.putIfAbsent("source", source);
        }
        return new Alert(eventId, dedupKey, AlertSource.JSON, status, severity, summary, labels, annotations,
                startsAt == null ? receivedAt : startsAt, endsAt, receivedAt, null);
    }

    private static Severity severity(JsonNode node) {
        String value = requiredText(node, "severity");
        Severity severity = Severity.fromLabel(value);
        if (severity == Severity.UNKNOWN) {
            throw new InvalidAlertField("severity", "must be one of critical, error, warning, info");
        }
        return severity;
    }
}
