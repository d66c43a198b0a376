package io.ownwatch.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.LabelMatcher;
import io.ownwatch.events.MatchOp;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.events.Severity;
import io.ownwatch.router.ownership.OwnershipView;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Owners found without the registry: the router rebuilds its view from a compacted ownership topic
 * on start (what was published before it ran, deletions included), follows changes while it runs,
 * and with the registry down (a closed port) still routes known services to their teams and only
 * unknown ones to the catch-all team.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=alert-router")
class OwnershipViewIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TOPIC = "ownership.v1.view-it-" + RUN;
    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    OwnershipView view;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.get().springProperties("router").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("ownwatch.router.ownership.registry-url", () -> "http://127.0.0.1:" + closedPort());
        registry.add("ownwatch.router.ownership.view.topic", () -> TOPIC);
        // Published before the router starts: the view must be rebuilt from the topic, deletion included.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra().kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
        publish(service("checkout", "payments", 1));
        publish(service("legacy", "payments", 1));
        publishTombstone("legacy-" + RUN);
    }

    @Test
    void routesKnownServicesToTheirTeamsWhileTheRegistryIsDown() {
        assertThat(routedTeam(alert("checkout"))).isEqualTo("payments-" + RUN);
        assertThat(routedTeam(alert("legacy"))).as("deleted before the router started").isEqualTo("operations");
        assertThat(routedTeam(alert("never-declared"))).isEqualTo("operations");
    }

    @Test
    void followsOwnershipChangesWhileRunning() throws Exception {
        publish(service("search", "discovery", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> view.owner(labels("search")).isPresent());
        assertThat(routedTeam(alert("search"))).isEqualTo("discovery-" + RUN);

        publish(service("search", "identity", 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> view.owner(labels("search"))
                .filter(owner -> owner.teamId().equals("identity-" + RUN)).isPresent());
        assertThat(routedTeam(alert("search"))).isEqualTo("identity-" + RUN);

        publishTombstone("search-" + RUN);
        await().atMost(Duration.ofSeconds(30)).until(() -> view.owner(labels("search")).isEmpty());
        assertThat(routedTeam(alert("search"))).isEqualTo("operations");
    }

    @Test
    void everyGuardOfTheRegistryCallIsObservable() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("resilience4j_circuitbreaker_state{", "resilience4j_retry_calls_total{",
                "resilience4j_bulkhead_available_concurrent_calls{", "resilience4j_timelimiter_calls_total{");
        assertThat(response.body().lines().filter(line -> line.startsWith("resilience4j_bulkhead_max_allowed_concurrent_calls{")))
                .anySatisfy(line -> assertThat(line).contains("name=\"registry\"").endsWith(" 16.0"));
    }

    private String routedTeam(AlertEvent alert) {
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>("alerts.v1", alert.getDedupKey(), alert)).get();
        }
        catch (InterruptedException | ExecutionException ex) {
            throw new AssertionError(ex);
        }
        JsonNode[] incident = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + port + "/api/v1/incidents?dedupKey=" + alert.getDedupKey()))
                    .header("Authorization", "Bearer " + TestInfrastructure.tokens().person("dave")).GET().build());
            assertThat(response.statusCode()).isEqualTo(200);
            Optional<JsonNode> first = JSON.readTree(response.body()).values().stream().findFirst();
            first.ifPresent(found -> incident[0] = found);
            return first.isPresent();
        });
        return incident[0].get("teamId").stringValue();
    }

    private static Map<String, String> labels(String service) {
        return Map.of("alertname", "HighErrorRate", "service", service + "-" + RUN);
    }

    private static AlertEvent alert(String service) {
        Instant now = Instant.now();
        return AlertEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setDedupKey("view-" + UUID.randomUUID())
                .setSource(AlertSource.KAFKA)
                .setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.ERROR)
                .setSummary("Error rate above 5%")
                // An alert name of its own: grouping (by service and alert name) must not fold it into an earlier incident.
                .setLabels(Map.of("alertname", "HighErrorRate-" + UUID.randomUUID(), "service", service + "-" + RUN))
                .setAnnotations(Map.of())
                .setStartsAt(now.minusSeconds(60))
                .setEndsAt(null)
                .setReceivedAt(now)
                .build();
    }

    private static ServiceOwnership service(String service, String team, long revision) {
        return ServiceOwnership.newBuilder()
                .setServiceId(service + "-" + RUN)
                .setName(service)
                .setTeamId(team + "-" + RUN)
                .setTeamName(team)
                .setLabelMatchers(List.of(LabelMatcher.newBuilder()
                        .setLabel("service").setOp(MatchOp.EQUALS).setValue(service + "-" + RUN).build()))
                .setRevision(revision)
                .setUpdatedAt(Instant.now())
                .build();
    }

    private static void publish(ServiceOwnership service) throws Exception {
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(TOPIC, service.getServiceId(), service)).get();
        }
    }

    private static void publishTombstone(String serviceId) throws Exception {
        try (KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>(TOPIC, serviceId, null)).get();
        }
    }

    private static KafkaProducer<String, Object> producer() {
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(Map.of("schema.registry.url", infra().schemaRegistryUrl()), false);
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra().kafkaBootstrapServers()),
                new StringSerializer(), values);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new AssertionError(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static Infrastructure infra() {
        return TestInfrastructure.get();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }
}
