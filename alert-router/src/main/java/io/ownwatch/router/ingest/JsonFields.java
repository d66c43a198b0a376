package io.ownwatch.router.ingest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The field checks every ingest form shares, each failing with the path of the field so that the sender
 * learns exactly what to fix.
 */
final class JsonFields {

    /** Go's zero time: Alertmanager's and Grafana's way of saying "no end yet". */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /**
     * RFC 3339, and also the {@code +0000} offsets that PagerDuty's own examples use: ISO 8601 allows both, and a
     * sender should not be refused for the colon.
     */
    static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonFields() {
    }

    /** The body as a JSON object. */
    static JsonNode object(byte[] body, String expected) {
        JsonNode root = tree(body, expected);
        if (!root.isObject()) {
            throw new InvalidAlertField("$", "the body must be a JSON object");
        }
        return root;
    }

    /** The body as JSON of any shape. */
    static JsonNode tree(byte[] body, String expected) {
        if (body == null || body.length == 0) {
            throw new MalformedAlertPayload("The body is empty; expected " + expected + ".", null);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedAlertPayload("The body is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedAlertPayload("The body is empty; expected " + expected + ".", null);
        }
        return root;
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    static Map<String, String> stringMap(JsonNode node, String path, boolean required) {
        if (absent(node)) {
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

    /** An RFC 3339 time; Go's zero time and the empty string count as absent. */
    static Instant time(JsonNode node, String path, boolean required) {
        if (absent(node) || (node.isString() && node.stringValue().isEmpty())) {
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
            instant = Rfc3339.read(node.stringValue());
            if (instant == null) {
                instant = OffsetDateTime.parse(node.stringValue(), TIMESTAMP).toInstant();
            }
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

    static String optionalString(JsonNode node, String path) {
        if (absent(node)) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidAlertField(path, "must be a string");
        }
        return node.stringValue();
    }

    static String requiredText(JsonNode node, String path) {
        String value = optionalString(node, path);
        if (value == null || value.isBlank()) {
            throw new InvalidAlertField(path, "is required and may not be blank");
        }
        return value;
    }

    /** A value as annotation text: strings as they are, anything else as compact JSON. */
    static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : JSON.writeValueAsString(node);
    }
}
