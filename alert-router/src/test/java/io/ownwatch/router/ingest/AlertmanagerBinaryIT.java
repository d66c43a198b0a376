package io.ownwatch.router.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.Severity;
import io.ownwatch.router.AvroTopics;
import io.ownwatch.router.RegistryForTests;
import io.ownwatch.router.RouterProperties;
import io.ownwatch.router.integration.TestIntegrations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) as the sender: its webhook receiver
 * points at the router with the integration key in {@code http_config.authorization}, an alert is posted to its
 * API v2, and the AlertEvent must arrive on alerts.v1. Skipped where the binary is not installed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=alert-router")
class AlertmanagerBinaryIT {

    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private final HttpClient http = HttpClient.newHttpClient();
    private Process alertmanager;

    @LocalServerPort
    int port;

    @TempDir
    Path directory;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RouterProperties.add(registry, "router", RouterProperties.unreachableRegistry());
    }

    @BeforeAll
    static void needsTheBinary() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)");
    }

    @AfterEach
    void stopAlertmanager() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    @Test
    void anAlertPostedToTheRealAlertmanagerArrivesOnAlertsV1ThroughItsWebhook() throws Exception {
        TestIntegrations.Created integration = TestIntegrations.create("http://127.0.0.1:" + port, TestInfrastructure.tokens(),
                "alertmanager", "payments", null);
        int alertmanagerPort = RegistryForTests.freePort();
        Path config = directory.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: ownwatch
                  group_by: ['alertname']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: ownwatch
                    webhook_configs:
                      - url: http://127.0.0.1:%d/api/v1/ingest/alertmanager
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: %s
                """.formatted(port, integration.key()));
        alertmanager = new ProcessBuilder(BINARY.toString(),
                "--config.file=" + config,
                "--storage.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort,
                "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("alertmanager.log").toFile())
                .start();
        String api = "http://127.0.0.1:" + alertmanagerPort;
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> get(api + "/-/ready").statusCode() == 200);

        String alertname = "DiskFull" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaConsumer<String, Object> consumer = alertsFromNow()) {
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v2/alerts"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            [{"labels":{"alertname":"%s","instance":"db-1:9100","severity":"critical","service":"billing-db"},
                              "annotations":{"summary":"Disk /var/lib/postgresql is 97%% full"},
                              "generatorURL":"http://prometheus:9090/graph?g0.expr=node_filesystem_avail_bytes"}]
                            """.formatted(alertname))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(200);

            List<AlertEvent> events = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    AlertEvent event = (AlertEvent) record.value();
                    if (alertname.equals(event.getLabels().get("alertname"))) {
                        events.add(event);
                    }
                });
                return !events.isEmpty();
            });
            AlertEvent event = events.get(0);
            assertThat(event.getSource()).isEqualTo(AlertSource.ALERTMANAGER);
            assertThat(event.getStatus()).isEqualTo(AlertStatus.FIRING);
            assertThat(event.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(event.getSummary()).isEqualTo("Disk /var/lib/postgresql is 97% full");
            assertThat(event.getDedupKey()).as("Alertmanager's fingerprint").matches("[0-9a-f]{16}");
            assertThat(event.getLabels()).containsEntry("service", "billing-db")
                    .containsEntry("ownwatch_integration", integration.name()).containsEntry("ownwatch_team", "payments");
            assertThat(event.getGeneratorUrl()).isEqualTo("http://prometheus:9090/graph?g0.expr=node_filesystem_avail_bytes");
            assertThat(event.getEndsAt()).isNull();
            assertThat(event.getReceivedAt()).isBefore(Instant.now().plusSeconds(1));
            assertThat(event.getIntegrationId()).isEqualTo(integration.id());
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KafkaConsumer<String, Object> alertsFromNow() {
        KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), AvroTopics.decoder());
        List<TopicPartition> partitions = consumer.partitionsFor("alerts.v1", Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition("alerts.v1", info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}
