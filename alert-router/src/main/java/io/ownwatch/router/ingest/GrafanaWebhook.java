package io.ownwatch.router.ingest;

import static io.ownwatch.router.ingest.JsonFields.absent;
import static io.ownwatch.router.ingest.JsonFields.optionalString;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Reads Grafana's unified-alerting webhook into normalised alerts, one per entry of {@code alerts}. Grafana's
 * payload is Alertmanager's with more: the links to the dashboard, panel, silence and image, the query
 * {@code values} that fired, and a group-level {@code title} and {@code message}. Those become annotations,
 * so that a responder sees them without Grafana at hand. Pure, like {@link AlertmanagerWebhook}.
 */
public final class GrafanaWebhook {

    private static final List<String> LINKS = List.of("dashboardURL", "panelURL", "silenceURL", "imageURL");

    private GrafanaWebhook() {
    }

    /**
     * Parses and validates a webhook body.
     *
     * @throws MalformedAlertPayload when the body is not JSON
     * @throws InvalidAlertField naming the first field that is missing or invalid
     */
    public static List<Alert> parse(byte[] body, Instant receivedAt, Supplier<String> eventIds) {
        JsonNode root = JsonFields.object(body, "a Grafana webhook JSON object");
        Map<String, String> group = new LinkedHashMap<>();
        putText(group, "title", optionalString(root.get("title"), "title"));
        putText(group, "message", optionalString(root.get("message"), "message"));
        JsonNode alerts = AlertmanagerWebhook.alerts(root);
        List<Alert> result = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            String path = "alerts[" + i + "]";
            JsonNode node = alerts.get(i);
            Map<String, String> extra = new LinkedHashMap<>();
            if (node != null && node.isObject()) {
                for (String link : LINKS) {
                    putText(extra, link, optionalString(node.get(link), path + "." + link));
                }
                values(node.get("values"), path + ".values", extra);
            }
            extra.putAll(group);
            result.add(AlertmanagerWebhook.alert(node, path, AlertSource.GRAFANA, extra, receivedAt, eventIds));
        }
        return List.copyOf(result);
    }

    /** {@code values: {"B": 44.2, "C": 1}} becomes annotations {@code value.B=44.2}, {@code value.C=1}. */
    private static void values(JsonNode node, String path, Map<String, String> into) {
        if (absent(node)) {
            return;
        }
        if (!node.isObject()) {
            throw new InvalidAlertField(path, "must be an object of numbers");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isNumber() && !value.isNull()) {
                throw new InvalidAlertField(path + "." + entry.getKey(), "must be a number");
            }
            into.put("value." + entry.getKey(), value.isNull() ? "null" : value.asString());
        }
    }

    private static void putText(Map<String, String> into, String name, String value) {
        if (value != null && !value.isBlank()) {
            into.put(name, value);
        }
    }
}
