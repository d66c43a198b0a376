package io.ownwatch.router.ingest;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertSource;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Prometheus Alertmanager's webhook (version 4) into normalised alerts. A pure function: the
 * receive time and the event ids are passed in, and every field is checked before anything is
 * returned, so a bad payload is rejected as a whole.
 */
public final class AlertmanagerWebhook {

    /** Go's zero time: Alertmanager's way of saying "no end yet". */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

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
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw new InvalidAlertField("$", "the body must be a JSON object");
        }
        JsonNode version = root.get("version");
        if (version != null && !version.isNull() && !(version.isString() && "4".equals(version.stringValue()))) {
            throw new InvalidAlertField("version", "only Alertmanager webhook version \"4\" is supported");
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || alerts.isNull()) {
            throw new InvalidAlertField("alerts", "is required");
        }
        if (!alerts.isArray()) {
            throw new InvalidAlertField("alerts", "must be an array");
        }
        if (alerts.isEmpty()) {
            throw new InvalidAlertField("alerts", "must contain at least one alert");
        }
        List<Alert> result = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            result.add(alert(alerts.get(i), "alerts[" + i + "]", receivedAt, eventIds));
        }
        return List.copyOf(result);
    }

    private static JsonNode readTree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedAlertPayload("The body is empty; expected an Alertmanager webhook JSON object.", null);
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new MalformedAlertPayload("The body is empty; expected an Alertmanager webhook JSON object.", null);
            }
            return root;
        } catch (JacksonException e) {
            throw new MalformedAlertPayload("The body is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Alert alert(JsonNode node, String path, Instant receivedAt, Supplier<String> eventIds) {
        if (node == null || !node.isObject()) {
            throw new InvalidAlertField(path, "must be an object");
        }
        AlertStatus status = status(node.get("status"), path + ".status");
        Map<String, String> labels = stringMap(node.get("labels"), path + ".labels", true);
        Map<String, String> annotations = stringMap(node.get("annotations"), path + ".annotations", false);
        Instant startsAt = time(node.get("startsAt"), path + ".startsAt", true);
        Instant endsAt = time(node.get("endsAt"), path + ".endsAt", false);
        String generatorUrl = optionalString(node.get("generatorURL"), path + ".generatorURL");
        String fingerprint = optionalString(node.get("fingerprint"), path + ".fingerprint");
        String dedupKey = fingerprint == null || fingerprint.isBlank() ? labelHash(labels) : fingerprint;
        return new Alert(
                eventIds.get(),
                dedupKey,
                AlertSource.ALERTMANAGER,
                status,
                Severity.fromLabel(labels.get("severity")),
                summary(labels, annotations),
                labels,
                annotations,
                startsAt,
                endsAt,
                receivedAt,
                generatorUrl);
    }

    private static AlertStatus status(JsonNode node, String path) {
        if (node == null || node.isNull()) {
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

    private static Map<String, String> stringMap(JsonNode node, String path, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidAlertField(path, "is required");
            }
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidAlertField(path, "must be an object of strings");
        }
        if (required && node.isEmpty()) {
            throw new InvalidAlertField(path, "must contain at least one label");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isString()) {
                throw new InvalidAlertField(path + "." + entry.getKey(), "must be a string");
            }
            map.put(entry.getKey(), entry.getValue().stringValue());
        }
        return map;
    }

    private static Instant time(JsonNode node, String path, boolean required) {
        if (node == null || node.isNull() || (node.isString() && node.stringValue().isEmpty())) {
            if (required) {
                throw new InvalidAlertField(path, "is required");
            }
            return null;
        }
        if (!node.isString()) {
            throw new InvalidAlertField(path, "must be an RFC 3339 timestamp");
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(node.stringValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidAlertField(path, "must be an RFC 3339 timestamp, was \"" + node.stringValue() + "\"");
        }
        if (instant.equals(GO_ZERO_TIME)) {
            if (required) {
                throw new InvalidAlertField(path, "must be a real time, not the zero time");
            }
            return null;
        }
        return instant;
    }

    private static String optionalString(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidAlertField(path, "must be a string");
        }
        return node.stringValue();
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
