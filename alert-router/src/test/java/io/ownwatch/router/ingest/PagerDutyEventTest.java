package io.ownwatch.router.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertSource;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagerDutyEventTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void readsPagerDutysDocumentedTriggerExample() {
        Alert alert = parse(text("trigger.json"));

        assertThat(alert.eventId()).isEqualTo("event-1");
        assertThat(alert.dedupKey()).isEqualTo("srv01/mysql");
        assertThat(alert.source()).isEqualTo(AlertSource.PAGERDUTY);
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.summary()).isEqualTo("DISK at 99% on machine prod-datapipe03.example.com");
        assertThat(alert.labels()).containsOnly(
                Map.entry("source", "prod-datapipe03.example.com"),
                Map.entry("component", "mysql"),
                Map.entry("group", "prod-datapipe"),
                Map.entry("class", "disk"),
                Map.entry("severity", "critical"));
        assertThat(alert.annotations()).containsOnly(
                Map.entry("free space", "1%"),
                Map.entry("ping time", "1500ms"),
                Map.entry("load avg", "0.75"));
        assertThat(alert.startsAt()).as("PagerDuty's +0000 offset is read").isEqualTo(Instant.parse("2015-07-17T08:42:58.315Z"));
        assertThat(alert.endsAt()).isNull();
        assertThat(alert.receivedAt()).isEqualTo(NOW);
        assertThat(alert.generatorUrl()).isEqualTo("https://monitoring.service.com");
    }

    @Test
    void aTriggerWithoutDedupKeyGetsAGeneratedOneAndStartsWhenReceived() {
        String body = text("trigger.json").replace("\"dedup_key\": \"srv01/mysql\",", "")
                .replace("\"timestamp\": \"2015-07-17T08:42:58.315+0000\",", "");
        Alert alert = parse(body);
        assertThat(alert.dedupKey()).isEqualTo("generated-key");
        assertThat(alert.startsAt()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @CsvSource({"acknowledge, ACKNOWLEDGED", "resolve, RESOLVED"})
    void acknowledgeAndResolveNeedOnlyTheDedupKey(String action, AlertStatus status) {
        Alert alert = parse(text("resolve.json").replace("\"resolve\"", "\"" + action + "\""));
        assertThat(alert.status()).isEqualTo(status);
        assertThat(alert.dedupKey()).isEqualTo("srv01/mysql");
        assertThat(alert.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(alert.startsAt()).isEqualTo(NOW);
    }

    @Test
    void customDetailsThatAreNotAnObjectBecomeOneAnnotation() {
        String body = text("trigger.json").replaceFirst("(?s)\"custom_details\": \\{.*?\\}", "\"custom_details\": \"free space 1%\"");
        assertThat(parse(body).annotations()).containsOnly(Map.entry("custom_details", "free space 1%"));
    }

    @Test
    void cutsASummaryLongerThanPagerDutyAllows() {
        String body = text("trigger.json").replace("DISK at 99% on machine prod-datapipe03.example.com", "x".repeat(2000));
        assertThat(parse(body).summary()).hasSize(PagerDutyEvent.MAX_SUMMARY);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"event_action\": \"trigger\"|\"event_action\": \"escalate\"|event_action",
            "\"event_action\": \"trigger\",|| event_action",
            "\"severity\": \"critical\"|\"severity\": \"high\"|payload.severity",
            "\"severity\": \"critical\",||payload.severity",
            "\"summary\": \"DISK at 99% on machine prod-datapipe03.example.com\"|\"summary\": \"  \"|payload.summary",
            "\"source\": \"prod-datapipe03.example.com\",||payload.source",
            "\"component\": \"mysql\"|\"component\": 7|payload.component",
            "\"timestamp\": \"2015-07-17T08:42:58.315+0000\"|\"timestamp\": \"yesterday\"|payload.timestamp",
            "\"dedup_key\": \"srv01/mysql\"|\"dedup_key\": 12|dedup_key"})
    void refusesABadTriggerNamingTheField(String replaced, String replacement, String field) {
        String body = text("trigger.json").replace(replaced, replacement == null ? "" : replacement);
        assertThat(body).isNotEqualTo(text("trigger.json"));
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(InvalidAlertField.class, e -> assertThat(e.field()).isEqualTo(field.trim()));
    }

    @Test
    void refusesATriggerWithoutPayload() {
        assertThatThrownBy(() -> parse("{\"event_action\":\"trigger\",\"dedup_key\":\"a\"}"))
                .isInstanceOfSatisfying(InvalidAlertField.class, e -> assertThat(e.field()).isEqualTo("payload"));
    }

    @Test
    void refusesAResolveWithoutDedupKey() {
        assertThatThrownBy(() -> parse(text("resolve.json").replace("\"dedup_key\": \"srv01/mysql\",", "")))
                .isInstanceOfSatisfying(InvalidAlertField.class, e -> assertThat(e.field()).isEqualTo("dedup_key"));
    }

    @Test
    void refusesADedupKeyLongerThanPagerDutyAllows() {
        assertThatThrownBy(() -> parse(text("resolve.json").replace("srv01/mysql", "k".repeat(256))))
                .isInstanceOfSatisfying(InvalidAlertField.class, e -> assertThat(e.field()).isEqualTo("dedup_key"));
    }

    @Test
    void findsTheRoutingKeyAndRefusesABodyThatIsNotJson() {
        assertThat(PagerDutyEvent.routingKey(text("trigger.json").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("e93facc04764012d7bfb002500d5d1a6");
        assertThat(PagerDutyEvent.routingKey("{\"event_action\":\"trigger\"}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThatThrownBy(() -> PagerDutyEvent.routingKey("{\"routing_key\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedAlertPayload.class);
    }

    private static Alert parse(String body) {
        return PagerDutyEvent.parse(body.getBytes(StandardCharsets.UTF_8), NOW, "event-1", () -> "generated-key");
    }

    private static String text(String name) {
        try (InputStream in = PagerDutyEventTest.class.getResourceAsStream("/pagerduty/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
