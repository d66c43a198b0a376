package io.ownwatch.router.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.Severity;
import io.ownwatch.router.AvroTopics;
import io.ownwatch.router.RouterProperties;
import io.ownwatch.router.TestHttp;
import io.ownwatch.router.integration.RequestSignature;
import io.ownwatch.router.integration.TestIntegrations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every ingest form on a real Kafka, schema registry and PostgreSQL: real payloads from each sender's
 * documentation, the key in each place a sender can put it, and every refusal with nothing on alerts.v1.
 * Also the integration API that hands out the keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=alert-router")
class IngestFormsIT {

    private static final String ALERTS = "alerts.v1";
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String SECRET = "grafana-signing-secret-0123456789";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RouterProperties.add(registry, "router", RouterProperties.unreachableRegistry());
    }

    // --- the four forms ----------------------------------------------------------------------------------------

    @Test
    void alertmanagerWebhookWithTheKeyAsBearerBecomesOneAlertEventPerAlert() {
        TestIntegrations.Created integration = create("alertmanager", "payments", null);
        String first = unique();
        String second = unique();
        String body = sample("/alertmanager/firing.json").replace("5f2b2c8c1d9e0a7b", first).replace("a1b2c3d4e5f60718", second);

        try (AlertsTap tap = new AlertsTap()) {
            Instant before = Instant.now();
            HttpResponse<String> response = send(post("/api/v1/ingest/alertmanager", body).header("Authorization", "Bearer " + integration.key()));
            Instant after = Instant.now();

            assertThat(response.statusCode()).isEqualTo(202);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.get("accepted").asInt()).isEqualTo(2);
            List<AlertEvent> events = tap.await(2);
            AlertEvent event = events.stream().filter(e -> e.getDedupKey().equals(first)).findFirst().orElseThrow();
            assertThat(event.getEventId()).isEqualTo(answer.get("eventIds").get(0).stringValue());
            assertThat(event.getSource()).isEqualTo(AlertSource.ALERTMANAGER);
            assertThat(event.getStatus()).isEqualTo(AlertStatus.FIRING);
            assertThat(event.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(event.getSummary()).isEqualTo("Checkout error rate above 5%");
            assertThat(event.getLabels()).containsOnly(
                    Map.entry("alertname", "HighErrorRate"), Map.entry("job", "checkout"), Map.entry("namespace", "shop"),
                    Map.entry("service", "checkout"), Map.entry("severity", "critical"),
                    Map.entry("ownwatch_integration", integration.name()), Map.entry("ownwatch_team", "payments"));
            assertThat(event.getAnnotations()).containsOnly(
                    Map.entry("summary", "Checkout error rate above 5%"),
                    Map.entry("description", "The checkout service answers 5xx to 7.3% of requests."),
                    Map.entry("runbook_url", "https://runbooks.example.com/checkout"));
            assertThat(event.getStartsAt()).isEqualTo(Instant.parse("2025-03-04T10:15:30.123Z"));
            assertThat(event.getEndsAt()).isNull();
            assertThat(event.getReceivedAt()).isBetween(before.minusMillis(1), after.plusMillis(1));
            assertThat(event.getGeneratorUrl()).startsWith("http://prometheus:9090/graph?g0.expr=rate");
            assertThat(event.getIntegrationId()).isEqualTo(integration.id());
            AlertEvent other = events.stream().filter(e -> e.getDedupKey().equals(second)).findFirst().orElseThrow();
            assertThat(other.getSeverity()).isEqualTo(Severity.WARNING);
            assertThat(other.getStartsAt()).isEqualTo(Instant.parse("2025-03-04T09:16:00Z"));
        }
    }

    @Test
    void theKeyMayBeTheLastPathSegmentForSendersThatCannotSetAHeader() {
        TestIntegrations.Created integration = create("alertmanager", null, null);
        String fingerprint = unique();
        String body = sample("/alertmanager/resolved.json").replace("5f2b2c8c1d9e0a7b", fingerprint);

        try (AlertsTap tap = new AlertsTap()) {
            HttpResponse<String> response = send(post("/api/v1/ingest/alertmanager/" + integration.key(), body));

            assertThat(response.statusCode()).isEqualTo(202);
            AlertEvent event = tap.await(1).get(0);
            assertThat(event.getDedupKey()).isEqualTo(fingerprint);
            assertThat(event.getStatus()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(event.getEndsAt()).isNotNull();
            assertThat(event.getLabels()).containsEntry("ownwatch_integration", integration.name()).doesNotContainKey("ownwatch_team");
            assertThat(event.getIntegrationId()).isEqualTo(integration.id());
        }

        // The accepted post is counted under the integration's name, never with its key.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus")).GET());
            assertThat(metrics.body()).doesNotContain(integration.key());
            assertThat(metrics.body().lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("ownwatch_audit_counted_total{")
                    .contains("actor=\"integration:" + integration.name() + "\"")
                    .contains("outcome=\"202\""));
        });

        // A refused post is an audit row, with the path recorded without the key.
        HttpResponse<String> refused = send(post("/api/v1/ingest/grafana/" + integration.key(), body));
        assertThat(refused.statusCode()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> trail = TestIntegrations.send(baseUrl(), "GET", "/api/v1/audit?outcome=403&size=500",
                    tokens().person("alice"), null);
            assertThat(trail.statusCode()).isEqualTo(200);
            assertThat(trail.body()).doesNotContain(integration.key());
            List<String> paths = new ArrayList<>();
            JSON.readTree(trail.body()).get("items").values().forEach(item -> paths.add(item.get("path").stringValue()));
            assertThat(paths).contains("/api/v1/ingest/grafana");
        });
    }

    @Test
    void grafanaWebhookBecomesOneAlertEventPerAlertWithItsLinksAndValues() {
        TestIntegrations.Created integration = create("grafana", "identity", null);
        String first = unique();
        String second = unique();
        String body = sample("/grafana/firing.json").replace("c6eadffa33fcdf37", first).replace("bc97ff14869b13e3", second);

        try (AlertsTap tap = new AlertsTap()) {
            HttpResponse<String> response = send(post("/api/v1/ingest/grafana", body).header("Authorization", "Bearer " + integration.key()));

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(response.body()).get("accepted").asInt()).isEqualTo(2);
            List<AlertEvent> events = tap.await(2);
            AlertEvent event = events.stream().filter(e -> e.getDedupKey().equals(first)).findFirst().orElseThrow();
            assertThat(event.getSource()).isEqualTo(AlertSource.GRAFANA);
            assertThat(event.getStatus()).isEqualTo(AlertStatus.FIRING);
            assertThat(event.getSeverity()).isEqualTo(Severity.UNKNOWN);
            assertThat(event.getSummary()).isEqualTo("This alert was triggered for zone us-1");
            assertThat(event.getLabels()).containsOnly(
                    Map.entry("alertname", "High memory usage"), Map.entry("team", "blue"), Map.entry("zone", "us-1"),
                    Map.entry("ownwatch_integration", integration.name()), Map.entry("ownwatch_team", "identity"));
            assertThat(event.getAnnotations())
                    .containsEntry("description", "The system has high memory usage")
                    .containsEntry("value.B", "44.23943737541908")
                    .containsEntry("value.C", "1")
                    .containsEntry("title", "[FIRING:2]  (blue)")
                    .containsKey("silenceURL")
                    .containsKey("message");
            assertThat(event.getStartsAt()).isEqualTo(Instant.parse("2021-10-12T07:51:03.157Z"));
            assertThat(event.getEndsAt()).isNull();
            assertThat(event.getGeneratorUrl()).isEqualTo("https://play.grafana.org/alerting/1afz29v7z/edit");
            assertThat(event.getIntegrationId()).isEqualTo(integration.id());
            assertThat(events).extracting(AlertEvent::getDedupKey).containsExactlyInAnyOrder(first, second);
        }
    }

    @Test
    void pagerDutyTriggerWithTheKeyAsRoutingKeyIsAnsweredAsPagerDutyDoes() {
        TestIntegrations.Created integration = create("pagerduty", null, null);
        String dedupKey = "srv01/mysql/" + unique();
        String body = sample("/pagerduty/trigger.json").replace("e93facc04764012d7bfb002500d5d1a6", integration.key())
                .replace("srv01/mysql", dedupKey);

        try (AlertsTap tap = new AlertsTap()) {
            HttpResponse<String> response = send(post("/api/v1/ingest/pagerduty", body));

            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                    "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + dedupKey + "\"}"));
            AlertEvent event = tap.await(1).get(0);
            assertThat(event.getDedupKey()).isEqualTo(dedupKey);
            assertThat(event.getSource()).isEqualTo(AlertSource.PAGERDUTY);
            assertThat(event.getStatus()).isEqualTo(AlertStatus.FIRING);
            assertThat(event.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(event.getSummary()).isEqualTo("DISK at 99% on machine prod-datapipe03.example.com");
            assertThat(event.getLabels()).containsOnly(
                    Map.entry("source", "prod-datapipe03.example.com"), Map.entry("component", "mysql"),
                    Map.entry("group", "prod-datapipe"), Map.entry("class", "disk"), Map.entry("severity", "critical"),
                    Map.entry("ownwatch_integration", integration.name()));
            assertThat(event.getAnnotations()).containsOnly(
                    Map.entry("free space", "1%"), Map.entry("ping time", "1500ms"), Map.entry("load avg", "0.75"));
            assertThat(event.getStartsAt()).isEqualTo(Instant.parse("2015-07-17T08:42:58.315Z"));
            assertThat(event.getEndsAt()).isNull();
            assertThat(event.getGeneratorUrl()).isEqualTo("https://monitoring.service.com");
            assertThat(event.getIntegrationId()).isEqualTo(integration.id());
        }

        for (String action : List.of("acknowledge", "resolve")) {
            try (AlertsTap tap = new AlertsTap()) {
                String follow = sample("/pagerduty/resolve.json").replace("e93facc04764012d7bfb002500d5d1a6", integration.key())
                        .replace("srv01/mysql", dedupKey).replace("\"resolve\"", "\"" + action + "\"");
                HttpResponse<String> response = send(post("/api/v1/ingest/pagerduty", follow));
                assertThat(response.statusCode()).as(action).isEqualTo(202);
                assertThat(JSON.readTree(response.body()).get("dedup_key").stringValue()).isEqualTo(dedupKey);
                AlertEvent event = tap.await(1).get(0);
                assertThat(event.getDedupKey()).isEqualTo(dedupKey);
                assertThat(event.getStatus()).isEqualTo(action.equals("resolve") ? AlertStatus.RESOLVED : AlertStatus.ACKNOWLEDGED);
            }
        }
    }

    @Test
    void pagerDutyTriggerWithoutDedupKeyGetsOneAndTheKeyMayAlsoBeABearer() {
        TestIntegrations.Created integration = create("pagerduty", null, null);
        String body = """
                {"event_action":"trigger","payload":{"summary":"Queue depth 10k","source":"mq-3","severity":"warning"}}""";

        try (AlertsTap tap = new AlertsTap()) {
            HttpResponse<String> response = send(post("/api/v1/ingest/pagerduty", body).header("Authorization", "Bearer " + integration.key()));

            assertThat(response.statusCode()).isEqualTo(202);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.propertyNames()).containsExactlyInAnyOrder("status", "message", "dedup_key");
            String generated = answer.get("dedup_key").stringValue();
            assertThat(generated).matches("[0-9a-f]{32}");
            AlertEvent event = tap.await(1).get(0);
            assertThat(event.getDedupKey()).isEqualTo(generated);
            assertThat(event.getSeverity()).isEqualTo(Severity.WARNING);
            assertThat(event.getStartsAt()).isEqualTo(event.getReceivedAt());
        }
    }

    @Test
    void genericJsonAlertBecomesOneAlertEvent() {
        TestIntegrations.Created integration = create("generic", "billing", null);
        String dedupKey = "backup/" + unique();
        String body = sample("/generic/alert.json").replace("backup/billing-db", dedupKey);

        try (AlertsTap tap = new AlertsTap()) {
            HttpResponse<String> response = send(post("/api/v1/ingest/generic", body).header("Authorization", "Bearer " + integration.key()));

            assertThat(response.statusCode()).isEqualTo(202);
            AlertEvent event = tap.await(1).get(0);
            assertThat(event.getEventId()).isEqualTo(JSON.readTree(response.body()).get("eventIds").get(0).stringValue());
            assertThat(event.getDedupKey()).isEqualTo(dedupKey);
            assertThat(event.getSource()).isEqualTo(AlertSource.JSON);
            assertThat(event.getStatus()).isEqualTo(AlertStatus.FIRING);
            assertThat(event.getSeverity()).isEqualTo(Severity.ERROR);
            assertThat(event.getSummary()).isEqualTo("Nightly backup of billing-db failed");
            assertThat(event.getLabels()).containsOnly(
                    Map.entry("service", "billing-db"), Map.entry("job", "nightly-backup"), Map.entry("source", "backup-cron"),
                    Map.entry("ownwatch_integration", integration.name()), Map.entry("ownwatch_team", "billing"));
            assertThat(event.getAnnotations()).containsOnly(
                    Map.entry("description", "pg_dump exited with status 1: connection refused"),
                    Map.entry("runbook_url", "https://runbooks.example.com/backup"));
            assertThat(event.getStartsAt()).isEqualTo(Instant.parse("2026-11-20T02:00:05Z"));
            assertThat(event.getEndsAt()).isNull();
            assertThat(event.getGeneratorUrl()).isNull();
            assertThat(event.getIntegrationId()).isEqualTo(integration.id());
        }
    }

    @Test
    void aSenderCannotPassItselfOffAsAnotherIntegrationByItsLabels() {
        TestIntegrations.Created integration = create("generic", null, null);
        String body = """
                {"summary":"spoof","severity":"info","dedupKey":"%s","labels":{"ownwatch_integration":"someone-else","ownwatch_team":"payments"}}"""
                .formatted(unique());
        try (AlertsTap tap = new AlertsTap()) {
            assertThat(send(post("/api/v1/ingest/generic", body).header("Authorization", "Bearer " + integration.key())).statusCode()).isEqualTo(202);
            assertThat(tap.await(1).get(0).getLabels()).containsOnly(Map.entry("ownwatch_integration", integration.name()));
        }
    }

    @Test
    void genericJsonTakesManyAlertsAsAnArrayOrAnAlertsListAndAnswers202OnceAllAreWritten() {
        TestIntegrations.Created integration = create("generic", null, null);
        String run = unique();
        List<String> alerts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            alerts.add("{\"summary\":\"Job %d failed\",\"severity\":\"warning\",\"dedupKey\":\"%s-%d\"}"
                    .formatted(i, run, i));
        }
        String array = "[" + String.join(",", alerts) + "]";

        for (String body : List.of(array, "{\"alerts\":" + array.replace(run, run + "-list") + "}")) {
            try (AlertsTap tap = new AlertsTap()) {
                HttpResponse<String> response = send(post("/api/v1/ingest/generic", body)
                        .header("Authorization", "Bearer " + integration.key()));

                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                JsonNode answer = JSON.readTree(response.body());
                assertThat(answer.get("accepted").asInt()).isEqualTo(25);
                List<AlertEvent> written = tap.await(25);
                List<String> answered = new ArrayList<>();
                answer.get("eventIds").values().forEach(id -> answered.add(id.stringValue()));
                assertThat(written).extracting(AlertEvent::getEventId).containsExactlyInAnyOrderElementsOf(answered);
                assertThat(written).extracting(AlertEvent::getDedupKey).doesNotHaveDuplicates()
                        .allSatisfy(key -> assertThat(key).startsWith(run));
                assertThat(written).allSatisfy(event -> {
                    assertThat(event.getSource()).isEqualTo(AlertSource.JSON);
                    assertThat(event.getIntegrationId()).isEqualTo(integration.id());
                    assertThat(event.getLabels()).containsEntry("ownwatch_integration", integration.name());
                });
            }
        }
    }

    @Test
    void genericJsonRefusesTheWholeListForOneBadAlertNamingItsIndexAndTooManyAlerts() {
        TestIntegrations.Created integration = create("generic", null, null);
        String good = "{\"summary\":\"fine\",\"severity\":\"info\",\"dedupKey\":\"" + unique() + "\"}";
        String noSummary = "{\"severity\":\"info\"}";

        assertField(post("/api/v1/ingest/generic", "{\"alerts\":[" + good + "," + good + "," + good + "," + noSummary + "]}")
                .header("Authorization", "Bearer " + integration.key()), "alerts[3].summary");
        assertField(post("/api/v1/ingest/generic", "[" + good + ",{\"summary\":\"x\",\"severity\":\"loud\"}]")
                .header("Authorization", "Bearer " + integration.key()), "[1].severity");
        assertField(post("/api/v1/ingest/generic", "{\"alerts\":[]}")
                .header("Authorization", "Bearer " + integration.key()), "alerts");

        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(1001, good)) + "]";
        HttpResponse<String> refused = assertRefusedAndNothingWritten(post("/api/v1/ingest/generic", tooMany)
                .header("Authorization", "Bearer " + integration.key()), 400, "at most 1000");
        assertThat(JSON.readTree(refused.body()).get("field").stringValue()).isEqualTo("$");
    }

    // --- keys and signatures ---------------------------------------------------------------------------------

    @Test
    void refusesAMissingOrUnknownKeyWith401AndWritesNothing() {
        String body = sample("/alertmanager/firing.json");
        assertRefusedAndNothingWritten(post("/api/v1/ingest/alertmanager", body), 401, "needs an integration key");
        assertRefusedAndNothingWritten(post("/api/v1/ingest/alertmanager", body).header("Authorization", "Bearer owk_" + "A".repeat(43)),
                401, "unknown or revoked");
        assertRefusedAndNothingWritten(post("/api/v1/ingest/alertmanager/owk_nottherightkey", body), 401, "unknown or revoked");
        // PagerDuty's own routing keys are not ours.
        assertRefusedAndNothingWritten(post("/api/v1/ingest/pagerduty", sample("/pagerduty/trigger.json")), 401, "needs an integration key");
        assertRefusedAndNothingWritten(post("/api/v1/ingest/pagerduty", sample("/pagerduty/trigger.json")
                .replace("e93facc04764012d7bfb002500d5d1a6", "owk_" + "B".repeat(43))), 401, "unknown or revoked");
        // A person's token is no integration key.
        assertRefusedAndNothingWritten(post("/api/v1/ingest/alertmanager", body)
                .header("Authorization", "Bearer " + TestInfrastructure.tokens().person("alice")), 401, "needs an integration key");
    }

    @Test
    void aRevokedKeyIsRefusedWith401AtOnce() {
        TestIntegrations.Created integration = create("generic", null, null);
        String body = "{\"summary\":\"before revocation\",\"severity\":\"info\",\"dedupKey\":\"" + unique() + "\"}";
        assertThat(send(post("/api/v1/ingest/generic", body).header("Authorization", "Bearer " + integration.key())).statusCode()).isEqualTo(202);

        HttpResponse<String> revoked = TestIntegrations.send(baseUrl(), "DELETE", "/api/v1/integrations/" + integration.id(),
                tokens().person("alice"), null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.body()).get("revokedBy").stringValue()).isNotBlank();

        assertRefusedAndNothingWritten(post("/api/v1/ingest/generic", body).header("Authorization", "Bearer " + integration.key()),
                401, "unknown or revoked");
        assertRefusedAndNothingWritten(post("/api/v1/ingest/generic/" + integration.key(), body), 401, "unknown or revoked");
    }

    @Test
    void aKeyOnlyWorksOnTheEndpointOfItsOwnForm() {
        TestIntegrations.Created integration = create("grafana", null, null);
        assertRefusedAndNothingWritten(post("/api/v1/ingest/alertmanager", sample("/alertmanager/firing.json"))
                .header("Authorization", "Bearer " + integration.key()), 403, "/api/v1/ingest/grafana");
    }

    @Test
    void aSigningIntegrationAcceptsAGoodSignatureAndRefusesABadOrStaleOne() {
        TestIntegrations.Created integration = create("grafana", null, SECRET);
        String body = sample("/grafana/firing.json").replace("c6eadffa33fcdf37", unique()).replace("bc97ff14869b13e3", unique());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String now = Long.toString(Instant.now().getEpochSecond());

        try (AlertsTap tap = new AlertsTap()) {
            HttpResponse<String> signed = send(post("/api/v1/ingest/grafana", body)
                    .header("Authorization", "Bearer " + integration.key())
                    .header(RequestSignature.TIMESTAMP_HEADER, now)
                    .header(RequestSignature.SIGNATURE_HEADER, "sha256=" + RequestSignature.sign(SECRET, now, bytes)));
            assertThat(signed.statusCode()).isEqualTo(202);
            assertThat(tap.await(2)).hasSize(2);
        }

        assertRefusedAndNothingWritten(post("/api/v1/ingest/grafana", body)
                .header("Authorization", "Bearer " + integration.key()), 401, RequestSignature.TIMESTAMP_HEADER + " is missing");
        assertRefusedAndNothingWritten(post("/api/v1/ingest/grafana", body)
                .header("Authorization", "Bearer " + integration.key())
                .header(RequestSignature.TIMESTAMP_HEADER, now)
                .header(RequestSignature.SIGNATURE_HEADER, "sha256=" + RequestSignature.sign("not-the-secret-at-all", now, bytes)),
                401, "does not match");
        assertRefusedAndNothingWritten(post("/api/v1/ingest/grafana", body.replace("us-1", "us-2"))
                .header("Authorization", "Bearer " + integration.key())
                .header(RequestSignature.TIMESTAMP_HEADER, now)
                .header(RequestSignature.SIGNATURE_HEADER, "sha256=" + RequestSignature.sign(SECRET, now, bytes)),
                401, "does not match");
        String stale = Long.toString(Instant.now().minusSeconds(6 * 60).getEpochSecond());
        assertRefusedAndNothingWritten(post("/api/v1/ingest/grafana", body)
                .header("Authorization", "Bearer " + integration.key())
                .header(RequestSignature.TIMESTAMP_HEADER, stale)
                .header(RequestSignature.SIGNATURE_HEADER, "sha256=" + RequestSignature.sign(SECRET, stale, bytes)),
                401, "5 minutes");
    }

    // --- bad bodies ------------------------------------------------------------------------------------------

    @Test
    void refusesAnOversizedBodyWith413AndWritesNothing() {
        TestIntegrations.Created integration = create("generic", null, null);
        String huge = "{\"summary\":\"" + "x".repeat(1_100_000) + "\",\"severity\":\"info\"}";
        HttpResponse<String> response = assertRefusedAndNothingWritten(post("/api/v1/ingest/generic", huge)
                .header("Authorization", "Bearer " + integration.key()), 413, "exceeds the limit");
        assertThat(JSON.readTree(response.body()).get("maxBodyBytes").asLong()).isEqualTo(1_048_576L);
    }

    @Test
    void refusesAnOversizedBodySentWithoutContentLengthWith413AndWritesNothing() {
        TestIntegrations.Created integration = create("generic", null, null);
        byte[] huge = ("{\"summary\":\"" + "x".repeat(1_100_000) + "\",\"severity\":\"info\"}").getBytes(StandardCharsets.UTF_8);
        // A stream of unknown length goes out chunked: the limit is counted on what arrives, not on a header.
        HttpRequest.Builder chunked = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/ingest/generic"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + integration.key())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)));
        assertRefusedAndNothingWritten(chunked, 413, "exceeds the limit");
    }

    @Test
    void aSenderThatStopsMidBodyIsRefusedAndNothingIsWrittenAndTheServerCarriesOn() throws IOException {
        TestIntegrations.Created integration = create("generic", null, null);
        String body = "{\"summary\":\"cut short\",\"severity\":\"info\",\"dedupKey\":\"" + unique() + "\"}";
        String answer;
        try (AlertsTap tap = new AlertsTap(); java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            String head = "POST /api/v1/ingest/generic HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + integration.key() + "\r\nContent-Length: " + (body.length() + 100) + "\r\n\r\n";
            socket.getOutputStream().write((head + body).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            // The sender goes away before the declared length: the server reads the end of the stream mid-body.
            socket.shutdownOutput();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            tap.assertNothing();
        }
        // Tomcat itself answers a body that broke off (400, its error page): the answer reaches nobody anyway.
        assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain(integration.key());

        String whole = "{\"summary\":\"whole\",\"severity\":\"info\",\"dedupKey\":\"" + unique() + "\"}";
        try (AlertsTap tap = new AlertsTap()) {
            assertThat(send(post("/api/v1/ingest/generic", whole).header("Authorization", "Bearer " + integration.key())).statusCode())
                    .isEqualTo(202);
            assertThat(tap.await(1)).hasSize(1);
        }
    }

    @Test
    void aRefusalReadsByteForByteAsTheControllersAnswerIt() {
        // The same bytes IngestWithoutLeanPathIT pins for the Spring MVC controllers.
        HttpResponse<String> refused = send(post("/api/v1/ingest/alertmanager/owk_nottherightkey", sample("/alertmanager/firing.json")));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(refused.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(refused.body()).isEqualTo("{\"detail\":\"The integration key is unknown or revoked.\","
                + "\"instance\":\"/api/v1/ingest/alertmanager\",\"status\":401,\"title\":\"Unknown integration key\","
                + "\"type\":\"https://ownwatch.io/problems/unknown-integration-key\"}");
    }

    @Test
    void everyIngestAnswerIsTimedAsAnHttpServerRequestOfItsEndpoint() {
        TestIntegrations.Created integration = create("generic", null, null);
        String body = "{\"summary\":\"timed\",\"severity\":\"info\",\"dedupKey\":\"" + unique() + "\"}";
        assertThat(send(post("/api/v1/ingest/generic/" + integration.key(), body)).statusCode()).isEqualTo(202);
        assertThat(send(post("/api/v1/ingest/generic/" + integration.key(), "{}", "text/plain")).statusCode()).isEqualTo(415);

        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/prometheus")).GET());
        assertThat(metrics.body()).doesNotContain(integration.key());
        assertThat(metrics.body().lines()).anySatisfy(line -> assertThat(line)
                .startsWith("http_server_requests_seconds_count{").contains("method=\"POST\"").contains("outcome=\"SUCCESS\"")
                .contains("status=\"202\"").contains("uri=\"/api/v1/ingest/generic\""));
        assertThat(metrics.body().lines()).anySatisfy(line -> assertThat(line)
                .startsWith("http_server_requests_seconds_count{").contains("outcome=\"CLIENT_ERROR\"")
                .contains("status=\"415\"").contains("uri=\"/api/v1/ingest/generic\""));
    }

    @Test
    void refusesABadBodyOfEachFormWith400NamingTheField() {
        TestIntegrations.Created alertmanager = create("alertmanager", null, null);
        TestIntegrations.Created grafana = create("grafana", null, null);
        TestIntegrations.Created generic = create("generic", null, null);

        String noStatus = sample("/alertmanager/firing.json").replace("\"status\": \"firing\",\n      \"labels\"", "\"labels\"");
        assertField(post("/api/v1/ingest/alertmanager", noStatus).header("Authorization", "Bearer " + alertmanager.key()),
                "alerts[0].status");
        String badValue = sample("/grafana/firing.json").replaceFirst("\"B\": 44.23943737541908", "\"B\": \"high\"");
        assertField(post("/api/v1/ingest/grafana", badValue).header("Authorization", "Bearer " + grafana.key()),
                "alerts[0].values.B");
        assertField(post("/api/v1/ingest/generic", "{\"summary\":\"x\",\"severity\":\"urgent\"}")
                .header("Authorization", "Bearer " + generic.key()), "severity");
        assertField(post("/api/v1/ingest/generic", "{\"severity\":\"info\"}").header("Authorization", "Bearer " + generic.key()),
                "summary");
        assertRefusedAndNothingWritten(post("/api/v1/ingest/generic", "{\"summary\": ").header("Authorization", "Bearer " + generic.key()),
                400, "not valid JSON");
        assertRefusedAndNothingWritten(post("/api/v1/ingest/generic", "{}", "text/plain").header("Authorization", "Bearer " + generic.key()),
                415, "not supported");
    }

    @Test
    void refusesABadPagerDutyEventWith400InPagerDutysOwnShape() {
        TestIntegrations.Created integration = create("pagerduty", null, null);
        String trigger = sample("/pagerduty/trigger.json").replace("e93facc04764012d7bfb002500d5d1a6", integration.key());

        assertPagerDutyInvalid(trigger.replace("\"summary\": \"DISK at 99% on machine prod-datapipe03.example.com\",", ""),
                "'payload.summary' is required and may not be blank");
        assertPagerDutyInvalid(trigger.replace("\"severity\": \"critical\"", "\"severity\": \"sev1\""),
                "'payload.severity' must be one of \"critical\", \"error\", \"warning\" or \"info\"");
        assertPagerDutyInvalid(trigger.replace("\"event_action\": \"trigger\"", "\"event_action\": \"page\""),
                "'event_action' must be one of \"trigger\", \"acknowledge\" or \"resolve\"");
        String resolve = sample("/pagerduty/resolve.json").replace("e93facc04764012d7bfb002500d5d1a6", integration.key())
                .replace("\"dedup_key\": \"srv01/mysql\",", "");
        assertPagerDutyInvalid(resolve, "'dedup_key' is required to acknowledge or resolve");
    }

    @Test
    void aPagerDutyBodyThatIsNotJsonIsAnInvalidEvent() {
        TestIntegrations.Created integration = create("pagerduty", null, null);
        HttpResponse<String> response = assertNothingWritten(post("/api/v1/ingest/pagerduty", "{\"routing_key\": ")
                .header("Authorization", "Bearer " + integration.key()));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.propertyNames()).containsExactlyInAnyOrder("status", "message", "errors");
        assertThat(answer.get("status").stringValue()).isEqualTo("invalid event");
        assertThat(answer.get("errors").get(0).stringValue()).contains("not valid JSON");
    }

    // --- the integration API ---------------------------------------------------------------------------------

    @Test
    void anOpsAdminCreatesAnIntegrationAndSeesItsKeyOnlyOnce() {
        TestIntegrations.Created created = create("pagerduty", "payments", SECRET);
        JsonNode answer = created.answer();
        assertThat(created.key()).matches("owk_[A-Za-z0-9_-]{43}");
        assertThat(answer.get("integration").get("type").stringValue()).isEqualTo("pagerduty");
        assertThat(answer.get("integration").get("teamId").stringValue()).isEqualTo("payments");
        assertThat(answer.get("integration").get("signed").asBoolean()).isTrue();
        assertThat(answer.get("integration").get("ingestPath").stringValue()).isEqualTo("/api/v1/ingest/pagerduty");
        assertThat(answer.get("integration").get("createdBy").stringValue()).isNotBlank();
        assertThat(answer.toString()).doesNotContain(SECRET);

        for (String person : List.of("alice", "bob", "carol", "dave")) {
            HttpResponse<String> list = TestIntegrations.send(baseUrl(), "GET", "/api/v1/integrations", tokens().person(person), null);
            assertThat(list.statusCode()).as(person).isEqualTo(200);
            assertThat(list.body()).as("never the key, never the secret").doesNotContain(created.key()).doesNotContain(SECRET);
            List<String> ids = new ArrayList<>();
            JSON.readTree(list.body()).values().forEach(item -> ids.add(item.get("id").stringValue()));
            assertThat(ids).contains(created.id());
        }
        HttpResponse<String> one = TestIntegrations.send(baseUrl(), "GET", "/api/v1/integrations/" + created.id(), tokens().person("dave"), null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).doesNotContain(created.key()).doesNotContain(SECRET);
    }

    @Test
    void onlyAnOpsAdminCreatesOrRevokesAndAKeyIsNoTokenForTheApi() {
        TestIntegrations.Created created = create("generic", null, null);
        String request = "{\"name\":\"not-allowed\",\"type\":\"generic\"}";
        for (String person : List.of("bob", "carol", "dave")) {
            assertThat(TestIntegrations.send(baseUrl(), "POST", "/api/v1/integrations", tokens().person(person), request).statusCode())
                    .as(person).isEqualTo(403);
            assertThat(TestIntegrations.send(baseUrl(), "DELETE", "/api/v1/integrations/" + created.id(), tokens().person(person), null)
                    .statusCode()).as(person).isEqualTo(403);
        }
        assertThat(TestIntegrations.send(baseUrl(), "POST", "/api/v1/integrations", null, request).statusCode()).isEqualTo(401);
        assertThat(TestIntegrations.send(baseUrl(), "GET", "/api/v1/integrations", null, null).statusCode()).isEqualTo(401);
        assertThat(TestIntegrations.send(baseUrl(), "GET", "/api/v1/integrations", created.key(), null).statusCode()).isEqualTo(401);
        assertThat(TestIntegrations.send(baseUrl(), "GET", "/api/v1/incidents/" + UUID.randomUUID(), created.key(), null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void refusesABadCreateNamingTheFieldAndCreatesNothing() {
        String alice = tokens().person("alice");
        int before = count(alice);
        assertProblemField(TestIntegrations.send(baseUrl(), "POST", "/api/v1/integrations", alice,
                "{\"name\":\"x\",\"type\":\"nagios\"}"), 400, "type");
        assertProblemField(TestIntegrations.send(baseUrl(), "POST", "/api/v1/integrations", alice,
                "{\"type\":\"generic\"}"), 400, "name");
        assertProblemField(TestIntegrations.send(baseUrl(), "POST", "/api/v1/integrations", alice,
                "{\"name\":\"x\",\"type\":\"generic\",\"signingSecret\":\"short\"}"), 400, "signingSecret");
        assertProblemField(TestIntegrations.send(baseUrl(), "POST", "/api/v1/integrations", alice,
                "{\"name\":\"x\",\"type\":\"generic\",\"teamId\":\"Not A Team\"}"), 400, "teamId");
        assertThat(count(alice)).isEqualTo(before);

        TestIntegrations.Created created = create("generic", null, null);
        HttpResponse<String> taken = TestIntegrations.send(baseUrl(), "POST", "/api/v1/integrations", alice,
                "{\"name\":\"" + created.name() + "\",\"type\":\"grafana\"}");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(taken.body()).get("field").stringValue()).isEqualTo("name");
        assertThat(count(alice)).isEqualTo(before + 1);

        assertThat(TestIntegrations.send(baseUrl(), "DELETE", "/api/v1/integrations/" + created.id(), alice, null).statusCode()).isEqualTo(200);
        assertThat(TestIntegrations.send(baseUrl(), "DELETE", "/api/v1/integrations/" + created.id(), alice, null).statusCode()).isEqualTo(409);
        assertThat(TestIntegrations.send(baseUrl(), "DELETE", "/api/v1/integrations/" + UUID.randomUUID(), alice, null).statusCode()).isEqualTo(404);
        // Once revoked, the name is free again.
        assertThat(TestIntegrations.send(baseUrl(), "POST", "/api/v1/integrations", alice,
                "{\"name\":\"" + created.name() + "\",\"type\":\"grafana\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void theOpenApiDescriptionDocumentsEveryIngestEndpointAndTheGenericForm() {
        HttpResponse<String> docs = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v3/api-docs")).GET());
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode api = JSON.readTree(docs.body());
        for (String form : List.of("alertmanager", "grafana", "pagerduty", "generic")) {
            assertThat(api.get("paths").has("/api/v1/ingest/" + form)).as(form).isTrue();
        }
        JsonNode generic = api.get("components").get("schemas").get("GenericAlert");
        assertThat(generic).isNotNull();
        assertThat(generic.get("properties").propertyNames()).contains("summary", "severity", "status", "dedupKey", "labels",
                "annotations", "startsAt", "endsAt", "source");
        assertThat(api.get("paths").get("/api/v1/ingest/generic").get("post").get("requestBody").toString()).contains("GenericAlert");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private int count(String token) {
        HttpResponse<String> list = TestIntegrations.send(baseUrl(), "GET", "/api/v1/integrations", token, null);
        assertThat(list.statusCode()).isEqualTo(200);
        return JSON.readTree(list.body()).size();
    }

    private static void assertProblemField(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("detail").stringValue()).contains(field);
    }

    private void assertPagerDutyInvalid(String body, String error) {
        HttpResponse<String> response = assertNothingWritten(post("/api/v1/ingest/pagerduty", body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(JSON.writeValueAsString(Map.of(
                "status", "invalid event", "message", "Event object is invalid", "errors", List.of(error)))));
    }

    private void assertField(HttpRequest.Builder request, String field) {
        HttpResponse<String> response = assertRefusedAndNothingWritten(request, 400, field);
        assertThat(JSON.readTree(response.body()).get("field").stringValue()).isEqualTo(field);
    }

    private HttpResponse<String> assertRefusedAndNothingWritten(HttpRequest.Builder request, int status, String detailContains) {
        HttpResponse<String> response = assertNothingWritten(request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").stringValue()).contains(detailContains);
        assertThat(response.body()).doesNotContain("Exception").as("never echoes a key").doesNotContainPattern("owk_[A-Za-z0-9_-]{8}");
        if (status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        }
        return response;
    }

    private HttpResponse<String> assertNothingWritten(HttpRequest.Builder request) {
        try (AlertsTap tap = new AlertsTap()) {
            HttpResponse<String> response = send(request);
            tap.assertNothing();
            return response;
        }
    }

    private TestIntegrations.Created create(String type, String teamId, String secret) {
        return TestIntegrations.create(baseUrl(), tokens(), type, teamId, secret);
    }

    private HttpRequest.Builder post(String path, String body) {
        return post(path, body, "application/json");
    }

    private HttpRequest.Builder post(String path, String body, String contentType) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return TestHttp.send(request.build());
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private static Tokens tokens() {
        return TestInfrastructure.tokens();
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static String sample(String resource) {
        try (InputStream in = IngestFormsIT.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Watches alerts.v1 from its current end: what a request wrote, or proof that it wrote nothing. Opened before
     * the request, so nothing it wrote can slip past.
     */
    private static final class AlertsTap implements AutoCloseable {

        private final KafkaConsumer<String, Object> consumer;

        AlertsTap() {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false), new StringDeserializer(), AvroTopics.decoder());
            List<TopicPartition> partitions = consumer.partitionsFor(ALERTS, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(ALERTS, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        /** The events written since the tap opened, once there are {@code expected} of them; 202 means they are there. */
        List<AlertEvent> await(int expected) {
            List<AlertEvent> events = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(15);
            while (events.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> events.add((AlertEvent) record.value()));
            }
            assertThat(events).hasSize(expected);
            events.sort(Comparator.comparing(AlertEvent::getEventId));
            return events;
        }

        void assertNothing() {
            List<Object> written = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> written.add(record.value()));
            }
            assertThat(written).as("nothing may reach alerts.v1").isEmpty();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
