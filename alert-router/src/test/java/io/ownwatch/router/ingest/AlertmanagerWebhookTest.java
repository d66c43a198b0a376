package io.ownwatch.router.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ownwatch.router.alert.Alert;
import io.ownwatch.router.alert.AlertSource;
import io.ownwatch.router.alert.AlertStatus;
import io.ownwatch.router.alert.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlertmanagerWebhookTest {

    private static final Instant NOW = Instant.parse("2025-03-04T10:16:01Z");

    private final AtomicInteger ids = new AtomicInteger();
    private final Supplier<String> eventIds = () -> "event-" + ids.incrementAndGet();

    @Test
    void readsEveryAlertOfARealFiringWebhook() {
        List<Alert> alerts = AlertmanagerWebhook.parse(sample("firing.json"), NOW, eventIds);

        assertThat(alerts).hasSize(2);
        Alert first = alerts.get(0);
        assertThat(first.eventId()).isEqualTo("event-1");
        assertThat(first.dedupKey()).isEqualTo("5f2b2c8c1d9e0a7b");
        assertThat(first.source()).isEqualTo(AlertSource.ALERTMANAGER);
        assertThat(first.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(first.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(first.summary()).isEqualTo("Checkout error rate above 5%");
        assertThat(first.labels()).containsEntry("service", "checkout").hasSize(5);
        assertThat(first.annotations()).containsEntry("runbook_url", "https://runbooks.example.com/checkout");
        assertThat(first.startsAt()).isEqualTo(Instant.parse("2025-03-04T10:15:30.123456789Z"));
        assertThat(first.endsAt()).as("Go's zero time means no end yet").isNull();
        assertThat(first.receivedAt()).isEqualTo(NOW);
        assertThat(first.generatorUrl()).startsWith("http://prometheus:9090/graph");

        Alert second = alerts.get(1);
        assertThat(second.eventId()).isEqualTo("event-2");
        assertThat(second.severity()).isEqualTo(Severity.WARNING);
        assertThat(second.summary()).as("falls back to the description").isEqualTo("Disk /var/lib/postgresql is 91% full.");
        assertThat(second.startsAt()).as("offsets are honoured").isEqualTo(Instant.parse("2025-03-04T09:16:00Z"));
    }

    @Test
    void readsAResolvedAlertWithItsEndTime() {
        Alert alert = AlertmanagerWebhook.parse(sample("resolved.json"), NOW, eventIds).get(0);

        assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alert.dedupKey()).isEqualTo("5f2b2c8c1d9e0a7b");
        assertThat(alert.endsAt()).isEqualTo(Instant.parse("2025-03-04T10:42:00.5Z"));
    }

    @Test
    void fallsBackToTheAlertNameForTheSummaryAndUnknownSeverity() {
        Alert alert = parseOne("""
                {"status":"firing","labels":{"alertname":"Watchdog"},"startsAt":"2025-03-04T10:00:00Z"}
                """);

        assertThat(alert.summary()).isEqualTo("Watchdog");
        assertThat(alert.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(alert.annotations()).isEmpty();
        assertThat(alert.endsAt()).isNull();
        assertThat(alert.generatorUrl()).isNull();
    }

    @Test
    void derivesAStableDedupKeyFromTheLabelsWhenThereIsNoFingerprint() {
        Alert one = parseOne("""
                {"status":"firing","labels":{"alertname":"A","job":"x"},"startsAt":"2025-03-04T10:00:00Z"}
                """);
        Alert sameLabelsOtherOrder = parseOne("""
                {"status":"firing","labels":{"job":"x","alertname":"A"},"startsAt":"2025-03-04T10:05:00Z","fingerprint":""}
                """);
        Alert otherLabels = parseOne("""
                {"status":"firing","labels":{"alertname":"A","job":"y"},"startsAt":"2025-03-04T10:00:00Z"}
                """);

        assertThat(one.dedupKey()).startsWith("labels-").isEqualTo(sameLabelsOtherOrder.dedupKey());
        assertThat(otherLabels.dedupKey()).isNotEqualTo(one.dedupKey());
    }

    @Test
    void labelHashCannotBeFooledByDelimitersInsideValues() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("a", "1\nb2:b");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("a", "1");
        b.put("b", "b");

        assertThat(AlertmanagerWebhook.labelHash(a)).isNotEqualTo(AlertmanagerWebhook.labelHash(b));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "   ", "{", "{\"alerts\": [}", "not json", "{\"alerts\":[]} trailing"})
    void rejectsABodyThatIsNotJson(String body) {
        assertThatThrownBy(() -> AlertmanagerWebhook.parse(body.getBytes(StandardCharsets.UTF_8), NOW, eventIds))
                .isInstanceOf(MalformedAlertPayload.class);
        assertThat(ids).hasValue(0);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            []                                                                                       | $
            {}                                                                                       | alerts
            {"alerts": null}                                                                         | alerts
            {"alerts": {}}                                                                           | alerts
            {"alerts": []}                                                                           | alerts
            {"version": "3", "alerts": [{"status":"firing","labels":{"a":"b"},"startsAt":"2025-03-04T10:00:00Z"}]} | version
            {"alerts": ["x"]}                                                                        | alerts[0]
            {"alerts": [{"labels":{"a":"b"},"startsAt":"2025-03-04T10:00:00Z"}]}                      | alerts[0].status
            {"alerts": [{"status":"burning","labels":{"a":"b"},"startsAt":"2025-03-04T10:00:00Z"}]}   | alerts[0].status
            {"alerts": [{"status":"firing","startsAt":"2025-03-04T10:00:00Z"}]}                       | alerts[0].labels
            {"alerts": [{"status":"firing","labels":{},"startsAt":"2025-03-04T10:00:00Z"}]}           | alerts[0].labels
            {"alerts": [{"status":"firing","labels":["a"],"startsAt":"2025-03-04T10:00:00Z"}]}        | alerts[0].labels
            {"alerts": [{"status":"firing","labels":{"a":1},"startsAt":"2025-03-04T10:00:00Z"}]}      | alerts[0].labels.a
            {"alerts": [{"status":"firing","labels":{"a":"b"},"annotations":"x","startsAt":"2025-03-04T10:00:00Z"}]} | alerts[0].annotations
            {"alerts": [{"status":"firing","labels":{"a":"b"}}]}                                      | alerts[0].startsAt
            {"alerts": [{"status":"firing","labels":{"a":"b"},"startsAt":"yesterday"}]}               | alerts[0].startsAt
            {"alerts": [{"status":"firing","labels":{"a":"b"},"startsAt":"0001-01-01T00:00:00Z"}]}    | alerts[0].startsAt
            {"alerts": [{"status":"firing","labels":{"a":"b"},"startsAt":"2025-03-04T10:00:00Z","endsAt":42}]} | alerts[0].endsAt
            {"alerts": [{"status":"firing","labels":{"a":"b"},"startsAt":"2025-03-04T10:00:00Z","fingerprint":7}]} | alerts[0].fingerprint
            {"alerts": [{"status":"firing","labels":{"a":"b"},"startsAt":"2025-03-04T10:00:00Z"}, {"status":"resolved","labels":{"a":"b"}}]} | alerts[1].startsAt
            """)
    void namesTheOffendingFieldAndReturnsNothing(String body, String field) {
        assertThatThrownBy(() -> AlertmanagerWebhook.parse(body.getBytes(StandardCharsets.UTF_8), NOW, eventIds))
                .isInstanceOfSatisfying(InvalidAlertField.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + ": ");
                });
    }

    private Alert parseOne(String alertJson) {
        String body = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[" + alertJson + "]}";
        return AlertmanagerWebhook.parse(body.getBytes(StandardCharsets.UTF_8), NOW, eventIds).get(0);
    }

    static byte[] sample(String name) {
        try (InputStream in = AlertmanagerWebhookTest.class.getResourceAsStream("/alertmanager/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
