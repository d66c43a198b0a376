package io.ownwatch.executor;

import static io.ownwatch.executor.ExecutorTestKit.REQUESTS;
import static io.ownwatch.executor.ExecutorTestKit.RUNBOOKS;
import static io.ownwatch.executor.ExecutorTestKit.call;
import static io.ownwatch.executor.ExecutorTestKit.outcomes;
import static io.ownwatch.executor.ExecutorTestKit.publish;
import static io.ownwatch.executor.ExecutorTestKit.request;
import static io.ownwatch.executor.ExecutorTestKit.results;
import static io.ownwatch.executor.ExecutorTestKit.runbook;
import static io.ownwatch.executor.ExecutorTestKit.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.events.RemediationRequest;
import io.ownwatch.events.RemediationResult;
import io.ownwatch.events.RunbookMode;
import io.ownwatch.events.RunbookVersion;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.executor.ExecutorTestKit.Answer;
import io.ownwatch.executor.ExecutorTestKit.Target;
import io.ownwatch.registry.OwnershipRegistryApplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Responders and the real ownership-registry: the executor asks the registry, as its own client, which teams a
 * person belongs to. Bob, a member of the service's owning team, may run and approve its runbooks; erin, a
 * responder of another team, may not.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + RemediationExecutorApplication.CONFIG_NAME,
                "ownwatch.executor.runs.poll-delay=200ms"})
class ResponderRunIT {

    private static final Tokens TOKENS = TestInfrastructure.tokens();
    private static final Target TARGET = new Target();
    private static final String TEAM = unique("pay");
    private static ConfigurableApplicationContext registry;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        TestInfrastructure.get().springProperties("executor").forEach((k, v) -> properties.add(k, () -> v));
        properties.add("ownwatch.executor.registry.url", () -> "http://127.0.0.1:" + registryPort());
    }

    private static synchronized int registryPort() {
        if (registry == null) {
            List<String> arguments = new ArrayList<>();
            TestInfrastructure.get().springProperties("registry")
                    .forEach((key, value) -> arguments.add("--" + key + "=" + value));
            arguments.add("--server.port=0");
            registry = new SpringApplicationBuilder(OwnershipRegistryApplication.class)
                    .properties("spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME)
                    .run(arguments.toArray(String[]::new));
        }
        return Integer.parseInt(registry.getEnvironment().getProperty("local.server.port"));
    }

    @BeforeAll
    static void bobRespondsForTheTeam() {
        int port = registryPort();
        String alice = TOKENS.person("alice");
        // Bob may exist from another test of this JVM; his membership of this test's team is what matters.
        call(port, "POST", "/api/v1/people", alice, Map.of("id", "bob", "name", "Bob", "email", "bob@example.com"));
        assertThat(call(port, "POST", "/api/v1/teams", alice, Map.of("id", TEAM, "name", "Payments " + TEAM))
                .status()).isEqualTo(201);
        assertThat(call(port, "PUT", "/api/v1/teams/" + TEAM + "/members/bob", alice, null).status()).isIn(200, 204);
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        TARGET.close();
    }

    @LocalServerPort
    int port;

    private Answer api(String method, String path, String person, Object body) {
        return call(port, method, path, TOKENS.person(person), body);
    }

    /** A runbook of a service the test's team owns, in the catalog and allowed by an ops rule. */
    private RunbookVersion ownedRunbook(String service, String path, RunbookMode mode) {
        publish("ownership.v1", service, ServiceOwnership.newBuilder().setServiceId(service).setName(service)
                .setTeamId(TEAM).setRevision(1).setUpdatedAt(Instant.now()).build());
        RunbookVersion runbook = runbook(unique("drain-queue"), service, TARGET.url(path)).setOwnerTeamId(TEAM)
                .setMode(mode).build();
        publish(RUNBOOKS, runbook.getRunbookId(), runbook);
        await().atMost(ExecutorTestKit.PATIENCE).until(() -> StreamSupport.stream(
                        api("GET", "/api/v1/catalog/runbooks", "alice", null).body().path("items").spliterator(), false)
                .anyMatch(item -> item.path("runbookId").asString().equals(runbook.getRunbookId()))
                && api("GET", "/api/v1/catalog/services/" + service, "alice", null).status() == 200);
        assertThat(api("POST", "/api/v1/policy/rules", "alice", Map.of("runbookId", runbook.getRunbookId(),
                "serviceId", service, "reason", "responder tests")).status()).isEqualTo(201);
        return runbook;
    }

    private JsonNode awaitFinal(String runId) {
        await().atMost(ExecutorTestKit.PATIENCE).until(() -> !List.of("REQUESTED", "APPROVED", "RUNNING")
                .contains(api("GET", "/api/v1/runs/" + runId, "alice", null).body().path("state").asString()));
        return api("GET", "/api/v1/runs/" + runId, "alice", null).body();
    }

    @Test
    void letsAResponderOfTheOwningTeamRunItsRunbookAndRefusesAnotherTeamsResponder() {
        String service = unique("checkout");
        String path = "/" + unique("responder");
        RunbookVersion runbook = ownedRunbook(service, path, RunbookMode.AUTOMATIC);
        Map<String, Object> body = Map.of("runbookId", runbook.getRunbookId(), "serviceId", service,
                "parameters", Map.of("queue", "orders"), "reason", "queue backing up");

        Answer bobAsks = api("POST", "/api/v1/runs", "bob", body);
        assertThat(bobAsks.status()).isEqualTo(201);
        JsonNode bobs = awaitFinal(bobAsks.body().path("id").asString());
        assertThat(bobs.path("state").asString()).as(bobs.toString()).isEqualTo("SUCCEEDED");
        assertThat(bobs.path("requestedBy").asString()).isEqualTo("bob");
        assertThat(TARGET.to(path)).hasSize(1);

        Answer erinAsks = api("POST", "/api/v1/runs", "erin", body);
        JsonNode erins = awaitFinal(erinAsks.body().path("id").asString());
        assertThat(erins.path("state").asString()).isEqualTo("REJECTED");
        assertThat(erins.path("reason").asString()).isEqualTo("erin is not a responder of team '" + TEAM
                + "', which owns the service, and may not run runbooks for it");
        assertThat(TARGET.to(path)).hasSize(1);
    }

    @Test
    void letsAResponderOfTheOwningTeamApproveAndNotAnotherTeams() {
        String service = unique("checkout");
        String path = "/" + unique("approved-by-bob");
        RunbookVersion runbook = ownedRunbook(service, path, RunbookMode.NEEDS_APPROVAL);
        RemediationRequest request = request(runbook, service).build();
        publish(REQUESTS, request.getIncidentId(), request);
        results(request.getRequestId(), found -> outcomes(found).contains("AWAITING_APPROVAL"));
        String runId = StreamSupport.stream(api("GET", "/api/v1/runs?state=AWAITING_APPROVAL&serviceId=" + service,
                "alice", null).body().path("items").spliterator(), false).findFirst().orElseThrow().path("id").asString();

        Answer erin = api("POST", "/api/v1/runs/" + runId + "/approve", "erin", Map.of("reason", "looks fine"));
        assertThat(erin.status()).isEqualTo(403);
        assertThat(erin.body().path("detail").asString()).contains("erin is not a responder of team '" + TEAM + "'");

        assertThat(api("POST", "/api/v1/runs/" + runId + "/approve", "bob", Map.of("reason", "checked the queue"))
                .status()).isEqualTo(200);
        List<RemediationResult> results = results(request.getRequestId(),
                found -> outcomes(found).contains("SUCCEEDED"));
        assertThat(outcomes(results)).containsExactly("AWAITING_APPROVAL", "APPROVED", "STARTED", "SUCCEEDED");
        assertThat(results.get(1).getActor().getId()).isEqualTo("bob");
        assertThat(TARGET.to(path)).hasSize(1);
    }
}
