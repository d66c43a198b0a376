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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenericAlertTest {

    private static final Instant NOW = Instant.parse("2026-11-20T02:00:07Z");

    @Test
    void readsEveryField() {
        Alert alert = parse(text());

        assertThat(alert.eventId()).isEqualTo("event-1");
        assertThat(alert.dedupKey()).isEqualTo("backup/billing-db");
        assertThat(alert.source()).isEqualTo(AlertSource.JSON);
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.severity()).isEqualTo(Severity.ERROR);
        assertThat(alert.summary()).isEqualTo("Nightly backup of billing-db failed");
        assertThat(alert.labels()).containsOnly(Map.entry("service", "billing-db"), Map.entry("job", "nightly-backup"),
                Map.entry("source", "backup-cron"));
        assertThat(alert.annotations()).containsEntry("runbook_url", "https://runbooks.example.com/backup").hasSize(2);
        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-11-20T02:00:05Z"));
        assertThat(alert.endsAt()).isNull();
        assertThat(alert.receivedAt()).isEqualTo(NOW);
        assertThat(alert.generatorUrl()).isNull();
    }

    @Test
    void theLeastAnAlertNeedsIsASummaryAndASeverity() {
        Alert alert = parse("{\"summary\":\"Queue stuck\",\"severity\":\"WARNING\"}");
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.severity()).isEqualTo(Severity.WARNING);
        assertThat(alert.startsAt()).isEqualTo(NOW);
        assertThat(alert.labels()).isEmpty();
        assertThat(alert.dedupKey()).isEqualTo(AlertmanagerWebhook.labelHash(Map.of("summary", "Queue stuck")));
    }

    @Test
    void withoutDedupKeyTheResolveOfTheSameLabelsHasTheSameIdentity() {
        String firing = "{\"summary\":\"Disk 91%% full\",\"severity\":\"warning\",\"status\":\"%s\",\"labels\":{\"host\":\"db-1\",\"mount\":\"/var\"}}";
        Alert fired = parse(firing.formatted("firing"));
        Alert resolved = parse(firing.formatted("resolved").replace("91%", "40%").replace("{\"host\":\"db-1\",\"mount\":\"/var\"}",
                "{\"mount\":\"/var\",\"host\":\"db-1\"}"));
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.dedupKey()).isEqualTo(fired.dedupKey());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"severity\":\"error\"}|summary",
            "{\"summary\":\"x\"}|severity",
            "{\"summary\":\"x\",\"severity\":\"urgent\"}|severity",
            "{\"summary\":\"x\",\"severity\":\"error\",\"status\":\"open\"}|status",
            "{\"summary\":\"x\",\"severity\":\"error\",\"labels\":{\"a\":1}}|labels.a",
            "{\"summary\":\"x\",\"severity\":\"error\",\"labels\":[]}|labels",
            "{\"summary\":\"x\",\"severity\":\"error\",\"annotations\":\"text\"}|annotations",
            "{\"summary\":\"x\",\"severity\":\"error\",\"startsAt\":\"tuesday\"}|startsAt",
            "{\"summary\":\"x\",\"severity\":\"error\",\"startsAt\":\"2026-01-02T00:00:00Z\",\"endsAt\":\"2026-01-01T00:00:00Z\"}|endsAt",
            "{\"summary\":\"x\",\"severity\":\"error\",\"dedupKey\":\"\"}|dedupKey",
            "{\"summary\":\"x\",\"severity\":\"error\",\"source\":5}|source",
            "[{\"summary\":\"x\"}]|$"})
    void refusesABadAlertNamingTheField(String body, String field) {
        assertThatThrownBy(() -> parse(body))
                .isInstanceOfSatisfying(InvalidAlertField.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void takesManyAlertsAsAnArrayOrAsAnAlertsListEachWithItsOwnEventId() {
        String two = "{\"summary\":\"Disk full\",\"severity\":\"critical\",\"dedupKey\":\"disk\"},"
                + "{\"summary\":\"Queue stuck\",\"severity\":\"warning\",\"status\":\"resolved\"}";

        for (String body : List.of("[" + two + "]", "{\"alerts\":[" + two + "]}")) {
            List<Alert> alerts = parseAll(body, 10);
            assertThat(alerts).extracting(Alert::summary).containsExactly("Disk full", "Queue stuck");
            assertThat(alerts).extracting(Alert::eventId).containsExactly("event-1", "event-2");
            assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
            assertThat(alerts.get(0).dedupKey()).isEqualTo("disk");
            assertThat(alerts).allSatisfy(alert -> assertThat(alert.receivedAt()).isEqualTo(NOW));
        }
    }

    @Test
    void theSingleObjectFormIsOneAlertAsBefore() {
        assertThat(parseAll(text(), 1)).singleElement().satisfies(alert -> {
            assertThat(alert.dedupKey()).isEqualTo("backup/billing-db");
            assertThat(alert.eventId()).isEqualTo("event-1");
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"summary\":\"a\",\"severity\":\"info\"},{\"severity\":\"info\"}]|[1].summary",
            "{\"alerts\":[{\"summary\":\"a\",\"severity\":\"info\"},{\"summary\":\"b\",\"severity\":\"loud\"}]}|alerts[1].severity",
            "{\"alerts\":[{\"summary\":\"a\",\"severity\":\"info\",\"labels\":{\"x\":1}}]}|alerts[0].labels.x",
            "{\"alerts\":[{\"summary\":\"a\",\"severity\":\"info\"},\"text\"]}|alerts[1]",
            "{\"alerts\":[]}|alerts",
            "{\"alerts\":{}}|alerts",
            "[]|$",
            "\"text\"|$",
            "[{\"summary\":\"a\",\"severity\":\"info\"},{\"summary\":\"b\",\"severity\":\"info\"},{\"summary\":\"c\",\"severity\":\"info\"}]|$"})
    void refusesAListWithOneBadAlertNamingItsIndexAndField(String body, String field) {
        assertThatThrownBy(() -> parseAll(body, 2))
                .isInstanceOfSatisfying(InvalidAlertField.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void refusesMoreAlertsThanTheLimitNamingIt() {
        String three = "[{\"summary\":\"a\",\"severity\":\"info\"},{\"summary\":\"b\",\"severity\":\"info\"},"
                + "{\"summary\":\"c\",\"severity\":\"info\"}]";
        assertThat(parseAll(three, 3)).hasSize(3);
        assertThatThrownBy(() -> parseAll("{\"alerts\":" + three + "}", 2))
                .isInstanceOfSatisfying(InvalidAlertField.class, e -> {
                    assertThat(e.field()).isEqualTo("alerts");
                    assertThat(e.getMessage()).contains("at most 2");
                });
    }

    @Test
    void refusesABodyThatIsNotJson() {
        assertThatThrownBy(() -> parse("summary=x")).isInstanceOf(MalformedAlertPayload.class);
        assertThatThrownBy(() -> parse("")).isInstanceOf(MalformedAlertPayload.class);
    }

    private static List<Alert> parseAll(String body, int maxAlerts) {
        AtomicInteger ids = new AtomicInteger();
        return GenericAlert.parseAll(body.getBytes(StandardCharsets.UTF_8), NOW, () -> "event-" + ids.incrementAndGet(),
                maxAlerts);
    }

    private static Alert parse(String body) {
        return GenericAlert.parse(body.getBytes(StandardCharsets.UTF_8), NOW, "event-1");
    }

    private static String text() {
        try (InputStream in = GenericAlertTest.class.getResourceAsStream("/generic/alert.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
