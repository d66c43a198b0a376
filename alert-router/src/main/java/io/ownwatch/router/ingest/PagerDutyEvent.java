package io.ownwatch.router.ingest;

import static io.ownwatch.router.ingest.JsonFields.absent;
import static io.ownwatch.router.ingest.JsonFields.optionalString;
import static io.ownwatch.router.ingest.JsonFields.requiredText;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertSource;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Reads a PagerDuty Events API v2 event into one normalised alert, with PagerDuty's rules: a trigger needs
 * {@code payload.summary}, {@code payload.source} and {@code payload.severity} and gets a generated
 * {@code dedup_key} when it has none; acknowledge and resolve need the {@code dedup_key} of what they
 * acknowledge or resolve, and their payload is ignored. {@code component}, {@code group} and {@code class}
 * become labels (routing can use them), {@code custom_details} annotations. Pure: time and ids are passed in.
 */
public final class PagerDutyEvent {

    /** PagerDuty cuts longer summaries; so do we rather than refuse an alert for its length. */
    static final int MAX_SUMMARY = 1024;
    static final int MAX_DEDUP_KEY = 255;

    private PagerDutyEvent() {
    }

    /**
     * The routing key in the body, if any: how a PagerDuty sender presents its integration key.
     *
     * @throws MalformedAlertPayload when the body is not JSON, so the sender learns that rather than "unknown key"
     */
    public static String routingKey(byte[] body) {
        JsonNode key = JsonFields.object(body, "a PagerDuty Events API v2 event").get("routing_key");
        return key != null && key.isString() ? key.stringValue() : null;
    }

    /**
     * Parses and validates an event.
     *
     * @param dedupKeys supplies a dedup key for a trigger that has none
     * @throws MalformedAlertPayload when the body is not JSON
     * @throws InvalidAlertField naming the first field that is missing or invalid
     */
    public static Alert parse(byte[] body, Instant receivedAt, String eventId, Supplier<String> dedupKeys) {
        JsonNode root = JsonFields.object(body, "a PagerDuty Events API v2 event");
        AlertStatus status = action(root.get("event_action"));
        String dedupKey = optionalString(root.get("dedup_key"), "dedup_key");
        if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
            throw new InvalidAlertField("dedup_key", "may be at most " + MAX_DEDUP_KEY + " characters");
        }
        if (dedupKey == null || dedupKey.isBlank()) {
            if (status != AlertStatus.FIRING) {
                throw new InvalidAlertField("dedup_key", "is required to acknowledge or resolve");
            }
            dedupKey = dedupKeys.get();
        }
        String clientUrl = optionalString(root.get("client_url"), "client_url");
        String generatorUrl = clientUrl == null || clientUrl.isBlank() ? null : clientUrl;
        if (status != AlertStatus.FIRING) {
            return new Alert(eventId, dedupKey, AlertSource.PAGERDUTY, status, Severity.UNKNOWN, "",
                    Map.of(), Map.of(), receivedAt, null, receivedAt, generatorUrl);
        }
        JsonNode payload = root.get("payload");
        if (absent(payload)) {
            throw new InvalidAlertField("payload", "is required to trigger");
        }
        if (!payload.isObject()) {
            throw new InvalidAlertField("payload", "must be an object");
        }
        String summary = requiredText(payload.get("summary"), "payload.summary");
        String source = requiredText(payload.get("source"), "payload.source");
        Severity severity = severity(payload.get("severity"));
        Instant startsAt = JsonFields.time(payload.get("timestamp"), "payload.timestamp", false);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("source", source);
        for (String name : new String[] {"component", "group", "class"}) {
            String value = optionalString(payload.get(name), "payload." + name);
            if (value != null && !value.isBlank()) {
                labels.put(name, value);
            }
        }
        labels.put("severity", severity.name().toLowerCase(java.util.Locale.ROOT));
        return new Alert(eventId, dedupKey, AlertSource.PAGERDUTY, status, severity,
                summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary,
                labels, details(payload.get("custom_details")),
                startsAt == null ? receivedAt : startsAt, null, receivedAt, generatorUrl);
    }

    private static AlertStatus action(JsonNode node) {
        if (absent(node)) {
            throw new InvalidAlertField("event_action", "is required");
        }
        if (node.isString()) {
            switch (node.stringValue()) {
                case "trigger":
                    return AlertStatus.FIRING;
                case "acknowledge":
                    return AlertStatus.ACKNOWLEDGED;
                case "resolve":
                    return AlertStatus.RESOLVED;
                default:
                    break;
            }
        }
        throw new InvalidAlertField("event_action", "must be one of \"trigger\", \"acknowledge\" or \"resolve\"");
    }

    private static Severity severity(JsonNode node) {
        if (absent(node)) {
            throw new InvalidAlertField("payload.severity", "is required");
        }
        if (node.isString()) {
            switch (node.stringValue()) {
                case "critical":
                    return Severity.CRITICAL;
                case "error":
                    return Severity.ERROR;
                case "warning":
                    return Severity.WARNING;
                case "info":
                    return Severity.INFO;
                default:
                    break;
            }
        }
        throw new InvalidAlertField("payload.severity", "must be one of \"critical\", \"error\", \"warning\" or \"info\"");
    }

    /** PagerDuty allows any JSON here: an object's fields become annotations, anything else one annotation. */
    private static Map<String, String> details(JsonNode node) {
        if (absent(node)) {
            return Map.of();
        }
        if (!node.isObject()) {
            return Map.of("custom_details", JsonFields.text(node));
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            annotations.put(entry.getKey(), JsonFields.text(entry.getValue()));
        }
        return annotations;
    }
}
