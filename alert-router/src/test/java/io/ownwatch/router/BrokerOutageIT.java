package io.ownwatch.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ownwatch.devstack.DevStack;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.router.integration.TestIntegrations;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.schemas.serde.KafkaAvroDeserializer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Guarantee 1, with the fault injected: while the broker is down the webhook answers 503 with
 * Retry-After (never 202), so Alertmanager keeps the alert and retries; once the broker is back the
 * retry is accepted and the alert is on alerts.v1. The router gets a stack of its own here, because
 * stopping the shared broker would disturb every other test in the JVM.
 */
class BrokerOutageIT {

    @TempDir
    static Path dataDirectory;

    @RegisterExtension
    static final RouterOnItsOwnStack.PerClass OWN = RouterOnItsOwnStack.perClass(() -> dataDirectory);
    private static String key;

    @Test
    void answers503WithRetryAfterWhileTheBrokerIsDownAndAcceptsTheRetryOnceItIsBack() throws Exception {
        String before = UUID.randomUUID().toString();
        String during = UUID.randomUUID().toString();
        assertThat(post(before).statusCode()).isEqualTo(202);

        OWN.stack().stopKafka();
        HttpResponse<String> refused;
        try {
            refused = post(during);
        } finally {
            OWN.stack().startKafka();
        }
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JsonMapper.shared().readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(refused.body()).doesNotContain("Exception");

        // Alertmanager retries the same notification; the first attempts may still meet a waking broker.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> post(during).statusCode() == 202);

        assertThat(alertsOnTopic()).contains(before, during);
    }

    private HttpResponse<String> post(String fingerprint) {
        String body = """
                {"version":"4","status":"firing","receiver":"ownwatch","groupKey":"{}:{}",
                 "alerts":[{"status":"firing","labels":{"alertname":"BrokerOutage","service":"outage"},
                            "annotations":{"summary":"test"},"startsAt":"2026-11-22T02:00:00Z",
                            "endsAt":"0001-01-01T00:00:00Z","fingerprint":"%s"}]}
                """.formatted(fingerprint);
        if (key == null) {
            key = TestIntegrations.create(OWN.baseUrl(), new Tokens(OWN.stack()), "alertmanager").key();
        }
        return TestHttp.send(HttpRequest.newBuilder(URI.create(OWN.baseUrl() + "/api/v1/ingest/alertmanager"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static List<String> alertsOnTopic() {
        DevStack stack = OWN.stack();
        KafkaAvroDeserializer values = new KafkaAvroDeserializer();
        values.configure(Map.of("schema.registry.url", stack.schemaRegistryUrl(), "specific.avro.reader", true), false);
        List<String> dedupKeys = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), values)) {
            consumer.subscribe(List.of("alerts.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (dedupKeys.size() < 2 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> dedupKeys.add(((AlertEvent) record.value()).getDedupKey()));
            }
        }
        return dedupKeys;
    }
}
