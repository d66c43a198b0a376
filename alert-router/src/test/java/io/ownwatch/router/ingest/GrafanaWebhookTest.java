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
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class GrafanaWebhookTest {

    private static final Instant NOW = Instant.parse("2021-10-12T08:00:00Z");

    private final AtomicInteger ids = new AtomicInteger();
    private final Supplier<String> eventIds = () -> "event-" + ids.incrementAndGet();

    @Test
    void readsEveryAlertOfGrafanasDocumentedExample() {
        List<Alert> alerts = GrafanaWebhook.parse(sample(), NOW, eventIds);

        assertThat(alerts).hasSize(2);
        Alert first = alerts.get(0);
        assertThat(first.eventId()).isEqualTo("event-1");
        assertThat(first.dedupKey()).isEqualTo("c6eadffa33fcdf37");
        assertThat(first.source()).isEqualTo(AlertSource.GRAFANA);
        assertThat(first.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(first.severity()).as("the example has no severity label").isEqualTo(Severity.UNKNOWN);
        assertThat(first.summary()).isEqualTo("This alert was triggered for zone us-1");
        assertThat(first.labels()).containsOnly(
                java.util.Map.entry("alertname", "High memory usage"),
                java.util.Map.entry("team", "blue"),
                java.util.Map.entry("zone", "us-1"));
        assertThat(first.annotations())
                .containsEntry("runbook_url", "https://myrunbook.com/runbook/1234")
                .containsEntry("value.B", "44.23943737541908")
                .containsEntry("value.C", "1")
                .containsEntry("silenceURL", "https://play.grafana.org/alerting/silence/new?alertmanager=grafana&matchers=alertname%3DT2%2Cteam%3Dblue%2Czone%3Dus-1")
                .containsEntry("title", "[FIRING:2]  (blue)")
                .as("empty links are left out").doesNotContainKeys("dashboardURL", "panelURL");
        assertThat(first.annotations().get("message")).startsWith("**Firing**");
        assertThat(first.startsAt()).isEqualTo(Instant.parse("2021-10-12T07:51:03.157076Z"));
        assertThat(first.endsAt()).isNull();
        assertThat(first.receivedAt()).isEqualTo(NOW);
        assertThat(first.generatorUrl()).isEqualTo("https://play.grafana.org/alerting/1afz29v7z/edit");
        assertThat(alerts.get(1).dedupKey()).isEqualTo("bc97ff14869b13e3");
        assertThat(alerts.get(1).eventId()).isEqualTo("event-2");
    }

    @Test
    void mapsTheSeverityLabelOntoTheScale() {
        String body = text().replace("\"team\": \"blue\",\n        \"zone\": \"us-1\"", "\"team\": \"blue\", \"severity\": \"warning\", \"zone\": \"us-1\"");
        assertThat(GrafanaWebhook.parse(bytes(body), NOW, eventIds).get(0).severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void aResolvedAlertKeepsItsEndTime() {
        String body = text().replaceFirst("\"status\": \"firing\",\n      \"labels\"", "\"status\": \"resolved\",\n      \"labels\"")
                .replaceFirst("\"endsAt\": \"0001-01-01T00:00:00Z\"", "\"endsAt\": \"2021-10-12T09:58:03+02:00\"");
        Alert alert = GrafanaWebhook.parse(bytes(body), NOW, eventIds).get(0);
        assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alert.endsAt()).isEqualTo(Instant.parse("2021-10-12T07:58:03Z"));
    }

    @Test
    void refusesAValueThatIsNotANumberNamingIt() {
        String body = text().replaceFirst("\"B\": 44.23943737541908", "\"B\": \"high\"");
        assertThatThrownBy(() -> GrafanaWebhook.parse(bytes(body), NOW, eventIds))
                .isInstanceOfSatisfying(InvalidAlertField.class, e -> assertThat(e.field()).isEqualTo("alerts[0].values.B"));
    }

    @Test
    void refusesAnAlertWithoutStartNamingIt() {
        String body = text().replace("\"startsAt\": \"2021-10-12T09:56:03.157076+02:00\",", "");
        assertThatThrownBy(() -> GrafanaWebhook.parse(bytes(body), NOW, eventIds))
                .isInstanceOfSatisfying(InvalidAlertField.class, e -> assertThat(e.field()).isEqualTo("alerts[1].startsAt"));
    }

    @Test
    void refusesABodyWithoutAlerts() {
        assertThatThrownBy(() -> GrafanaWebhook.parse(bytes("{\"status\":\"firing\",\"alerts\":[]}"), NOW, eventIds))
                .isInstanceOfSatisfying(InvalidAlertField.class, e -> assertThat(e.field()).isEqualTo("alerts"));
    }

    private static byte[] sample() {
        return bytes(text());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text() {
        try (InputStream in = GrafanaWebhookTest.class.getResourceAsStream("/grafana/firing.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
