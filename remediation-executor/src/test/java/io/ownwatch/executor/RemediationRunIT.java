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
import io.ownwatch.events.RemediationOutcome;
import io.ownwatch.events.RemediationRequest;
import io.ownwatch.events.RemediationResult;
import io.ownwatch.events.RunbookMode;
import io.ownwatch.events.RunbookStatus;
import io.ownwatch.events.RunbookVersion;
import io.ownwatch.executor.ExecutorTestKit.Answer;
import io.ownwatch.executor.ExecutorTestKit.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The executor on a real Kafka, schema registry and PostgreSQL: runbooks arrive on runbooks.v1, requests on
 * remediation.requests.v1 or through the API, actions are HTTP calls to a real server started here, and results
 * are read back from remediation.results.v1. The ownership registry is unreachable (a closed port): no test here
 * depends on a responder's team membership, and the one that asks shows the refusal.
 */
@Import(InterimStepRunner.class)
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + RemediationExecutorApplication.CONFIG_NAME,
                "ownwatch.executor.runs.poll-delay=200ms"})
class RemediationRunIT {

    private static final Tokens TOKENS = TestInfrastructure.tokens();
    private static final Target TARGET = new Target();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("executor").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("ownwatch.executor.registry.url", () -> "http://127.0.0.1:" + ExecutorTestKit.closedPort());
    }

    @AfterAll
    static void stopTarget() {
        TARGET.close();
    }

    @LocalServerPort
    int port;

    private Answer api(String method, String path, String person, Object body) {
        return call(port, method, path, person == null ? null : TOKENS.person(person), body);
    }

    /** Publishes the runbook and waits until the executor's catalog holds that version. */
    private RunbookVersion catalogued(RunbookVersion runbook) {
        publish(RUNBOOKS, runbook.getRunbookId(), runbook);
        await().atMost(ExecutorTestKit.PATIENCE).until(() -> StreamSupport.stream(
                        api("GET", "/api/v1/catalog/runbooks", "alice", null).body().path("items").spliterator(), false)
                .anyMatch(item -> item.path("runbookId").asString().equals(runbook.getRunbookId())
                        && item.path("version").asInt() == runbook.getVersion()));
        return runbook;
    }

    private void allow(String runbookId, String serviceId) {
        Answer added = api("POST", "/api/v1/policy/rules", "alice",
                Map.of("runbookId", runbookId, "serviceId", serviceId, "reason", "test envelope"));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
    }

    private JsonNode runOf(String requestId) {
        for (JsonNode run : api("GET", "/api/v1/runs?limit=500", "alice", null).body().path("items")) {
            if (run.path("requestId").asString().equals(requestId)) {
                return run;
            }
        }
        return null;
    }

    private void awaitConsumed(RecordMetadata record) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ExecutorTestKit.infra().kafkaBootstrapServers()))) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            await().atMost(ExecutorTestKit.PATIENCE).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("remediation-executor")
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            });
        }
    }

    @Test
    void runsAnApprovedAutomaticRunbookOnceHoweverOftenTheRequestIsDelivered() {
        String service = unique("checkout");
        String path = "/" + unique("drain");
        RunbookVersion runbook = catalogued(runbook(unique("drain-queue"), service, TARGET.url(path)).build());
        allow(runbook.getRunbookId(), service);

        RemediationRequest request = request(runbook, service).build();
        publish(REQUESTS, request.getIncidentId(), request);
        List<RemediationResult> results = results(request.getRequestId(),
                found -> outcomes(found).contains("SUCCEEDED"));
        assertThat(outcomes(results)).containsExactly("STARTED", "SUCCEEDED");
        assertThat(TARGET.to(path)).hasSize(1);
        assertThat(TARGET.to(path).get(0).body()).isEqualTo("{\"queue\":\"orders\"}");

        RemediationResult succeeded = results.get(1);
        assertThat(succeeded.getIncidentId()).isEqualTo(request.getIncidentId());
        assertThat(succeeded.getContentHash()).isEqualTo(runbook.getContentHash());
        assertThat(succeeded.getSteps()).hasSize(1);
        assertThat(succeeded.getSteps().get(0).getSucceeded()).isTrue();
        assertThat(succeeded.getSteps().get(0).getDetail()).isEqualTo("HTTP 200");
        assertThat(succeeded.getActor().getId()).isEqualTo("alert-router");
        assertThat(results.toString()).doesNotContain("s3cr3t-value");

        RecordMetadata again = publish(REQUESTS, request.getIncidentId(), request);
        awaitConsumed(again);
        assertThat(TARGET.to(path)).as("the redelivered request did not run again").hasSize(1);

        JsonNode run = runOf(request.getRequestId());
        assertThat(run.path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("steps").get(0).path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("parameters").path("token").asString()).isEqualTo("****");
        assertThat(run.path("parameters").path("queue").asString()).isEqualTo("orders");
    }
}
