package io.ownwatch.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.LabelMatcher;
import io.ownwatch.events.MatchOp;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.events.Severity;
import io.ownwatch.router.ownership.OwnershipView;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

    @LocalServerPort
    int port;

    @Autowired
    OwnershipView view;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        RouterProperties.add(registry, "router", RouterProperties.unreachableRegistry());
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
        HttpResponse<String> response = TestHttp.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("resilience4j_circuitbreaker_state{", "resilience4j_retry_calls_total{",
                "resilience4j_bulkhead_available_concurrent_calls{", "resilience4j_timelimiter_calls_total{");
        assertThat(response.body().lines().filter(line -> line.startsWith("resilience4j_bulkhead_max_allowed_concurrent_calls{")))
                .anySatisfy(line -> assertThat(line).contains("name=\"registry\"").endsWith(" 16.0"));
    }

    private String routedTeam(AlertEvent alert) {
        AvroTopics.alerts("alerts.v1", alert);
        return RouterApi.onPort(port).awaitIncident(alert.getDedupKey(), incident -> true).get("teamId").stringValue();
    }

    private static Map<String, String> labels(String service) {
        return Map.of("alertname", "HighErrorRate", "service", service + "-" + RUN);
    }

    private static AlertEvent alert(String service) {
        // An alert name of its own: grouping (by service and alert name) must not fold it into an earlier incident.
        return TestAlerts.firing("view-" + UUID.randomUUID(), Severity.ERROR, "Error rate above 5%",
                Map.of("alertname", "HighErrorRate-" + UUID.randomUUID(), "service", service + "-" + RUN));
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

    private static void publish(ServiceOwnership service) {
        AvroTopics.produce(TOPIC, service.getServiceId(), service);
    }

    private static void publishTombstone(String serviceId) {
        AvroTopics.produce(TOPIC, serviceId, null);
    }

    private static Infrastructure infra() {
        return TestInfrastructure.get();
    }
}
