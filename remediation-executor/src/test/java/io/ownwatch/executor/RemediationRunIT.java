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
import io.ownwatch.events.RunbookStatus;
import io.ownwatch.events.RunbookStep;
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

    /** Publishes the service's owner on ownership.v1 and waits until the executor knows it. */
    private void owned(String serviceId, String teamId) {
        publish("ownership.v1", serviceId, io.ownwatch.events.ServiceOwnership.newBuilder()
                .setServiceId(serviceId).setName(serviceId).setTeamId(teamId).setRevision(1)
                .setUpdatedAt(java.time.Instant.now()).build());
        await().atMost(ExecutorTestKit.PATIENCE).until(() -> api("GET", "/api/v1/catalog/services/" + serviceId,
                "alice", null).body().path("teamId").asString("").equals(teamId));
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
        assertThat(succeeded.getSteps().get(0).getDetail()).startsWith("HTTP 200");
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
    /** Publishes a request by the router's automation and waits for its one final result. */
    private RemediationResult finalResult(RemediationRequest request, String outcome) {
        publish(REQUESTS, request.getIncidentId(), request);
        List<RemediationResult> results = results(request.getRequestId(), found -> outcomes(found).contains(outcome));
        return results.get(results.size() - 1);
    }

    @Test
    void refusesEachBreachOfTheEnvelopeWithItsReasonAndCallsNothing() {
        List<String> paths = new ArrayList<>();

        // An edited runbook: the request's hash is not the approved one.
        String service = unique("checkout");
        String path = "/" + unique("hash");
        paths.add(path);
        RunbookVersion approved = catalogued(runbook(unique("drain-queue"), service, TARGET.url(path)).build());
        allow(approved.getRunbookId(), service);
        RemediationResult edited = finalResult(request(approved, service).setContentHash("sha256:edited").build(),
                "REJECTED");
        assertThat(edited.getReason()).contains("content hash", "does not match the approved version v1");

        // A runbook that was never approved, and one that was retired.
        RemediationResult unknown = finalResult(request(approved, service).setRunbookId(unique("never-approved"))
                .build(), "REJECTED");
        assertThat(unknown.getReason()).contains("has no approved version in the catalog");
        String retiredService = unique("checkout");
        String retiredPath = "/" + unique("retired");
        paths.add(retiredPath);
        RunbookVersion retiring = catalogued(runbook(unique("drain-queue"), retiredService, TARGET.url(retiredPath))
                .build());
        allow(retiring.getRunbookId(), retiredService);
        RunbookVersion retired = RunbookVersion.newBuilder(retiring).setStatus(RunbookStatus.RETIRED).build();
        publish(RUNBOOKS, retired.getRunbookId(), retired);
        await().atMost(ExecutorTestKit.PATIENCE).until(() -> StreamSupport.stream(
                        api("GET", "/api/v1/catalog/runbooks", "alice", null).body().path("items").spliterator(), false)
                .noneMatch(item -> item.path("runbookId").asString().equals(retiring.getRunbookId())));
        assertThat(finalResult(request(retiring, retiredService).build(), "REJECTED").getReason())
                .contains("has no approved version in the catalog");

        // No ops rule for this service.
        String unlisted = unique("checkout");
        String unlistedPath = "/" + unique("nopolicy");
        paths.add(unlistedPath);
        RunbookVersion noRule = catalogued(runbook(unique("drain-queue"), unlisted, TARGET.url(unlistedPath)).build());
        assertThat(finalResult(request(noRule, unlisted).build(), "REJECTED").getReason())
                .startsWith("no ops policy allows runbook '" + noRule.getRunbookId() + "' for service '" + unlisted + "'");

        // The service's kill switch.
        String switched = unique("checkout");
        String switchedPath = "/" + unique("killed");
        paths.add(switchedPath);
        RunbookVersion killed = catalogued(runbook(unique("drain-queue"), switched, TARGET.url(switchedPath)).build());
        allow(killed.getRunbookId(), switched);
        assertThat(api("PUT", "/api/v1/kill-switches/service:" + switched, "alice",
                Map.of("reason", "database migration")).status()).isEqualTo(200);
        assertThat(finalResult(request(killed, switched).build(), "REJECTED").getReason())
                .contains("kill switch 'service:" + switched + "' is on (database migration, set by alice)");
        assertThat(api("DELETE", "/api/v1/kill-switches/service:" + switched, "alice", null).status()).isEqualTo(204);

        for (String refusedPath : paths) {
            assertThat(TARGET.to(refusedPath)).as(refusedPath).isEmpty();
        }
    }

    private static RunbookStep httpStep(String name, String url) {
        return RunbookStep.newBuilder().setName(name).setAction(io.ownwatch.events.ActionType.HTTP_REQUEST)
                .setSettings(Map.of("method", "POST", "url", url)).build();
    }

    @Test
    void runsStepsInOrderAndStopsAtTheFirstFailure() {
        String service = unique("checkout");
        String first = "/" + unique("first");
        String failing = "/" + unique("fail");
        String never = "/" + unique("never");
        RunbookVersion runbook = catalogued(runbook(unique("drain-queue"), service, TARGET.url(first))
                .setSteps(List.of(httpStep("pause", TARGET.url(first)), httpStep("drain", TARGET.url(failing)),
                        httpStep("resume", TARGET.url(never))))
                .setMaxTargets(3).build());
        allow(runbook.getRunbookId(), service);
        RemediationRequest request = request(runbook, service).build();
        RemediationResult failed = finalResult(request, "FAILED");
        assertThat(failed.getReason()).startsWith("step 'drain' failed: ").contains("HTTP 500");
        assertThat(failed.getSteps()).extracting(s -> s.getName() + "=" + s.getSucceeded())
                .containsExactly("pause=true", "drain=false");
        assertThat(TARGET.to(first)).hasSize(1);
        assertThat(TARGET.to(failing)).hasSize(1);
        assertThat(TARGET.to(never)).isEmpty();
        assertThat(runOf(request.getRequestId()).path("steps").size()).isEqualTo(2);
    }

    @Test
    void endsARunThatOutlivesItsTimeoutTimedOut() {
        String service = unique("checkout");
        String slow = "/" + unique("slow");
        RunbookVersion runbook = catalogued(runbook(unique("drain-queue"), service, TARGET.url(slow))
                .setTimeoutSeconds(2).build());
        allow(runbook.getRunbookId(), service);
        RemediationResult timedOut = finalResult(request(runbook, service).build(), "TIMED_OUT");
        assertThat(timedOut.getReason()).startsWith("step 'drain' timed out");
        assertThat(timedOut.getSteps()).hasSize(1);
        assertThat(timedOut.getSteps().get(0).getSucceeded()).isFalse();
    }

    @Test
    void countsRunsByOutcomeAndRefusalsByReason() {
        String service = unique("checkout");
        String path = "/" + unique("metrics");
        RunbookVersion runbook = catalogued(runbook(unique("drain-queue"), service, TARGET.url(path)).build());
        finalResult(request(runbook, service).build(), "REJECTED");
        allow(runbook.getRunbookId(), service);
        finalResult(request(runbook, service).build(), "SUCCEEDED");
        java.net.http.HttpResponse<String> scraped;
        try {
            scraped = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(scraped.body()).containsPattern("ownwatch_executor_runs_total\\{[^}]*outcome=\"SUCCEEDED\"")
                .containsPattern("ownwatch_executor_refusals_total\\{[^}]*reason=\"NO_OPS_POLICY\"");
    }

    @Test
    void refusesASecondRunWithinTheRateLimitOrTheCooldown() {
        String service = unique("checkout");
        String path = "/" + unique("rate");
        RunbookVersion once = catalogued(runbook(unique("drain-queue"), service, TARGET.url(path))
                .setMaxRunsPerHour(1).build());
        allow(once.getRunbookId(), service);
        finalResult(request(once, service).build(), "SUCCEEDED");
        RemediationResult limited = finalResult(request(once, service).build(), "REJECTED");
        assertThat(limited.getReason()).contains("rate limit: runbook '" + once.getRunbookId()
                + "' ran 1 times in the last hour (maxRunsPerHour 1)");
        assertThat(TARGET.to(path)).hasSize(1);

        String cooling = unique("checkout");
        String coolingPath = "/" + unique("cool");
        RunbookVersion cooled = catalogued(runbook(unique("drain-queue"), cooling, TARGET.url(coolingPath))
                .setCooldownSeconds(3600).build());
        allow(cooled.getRunbookId(), cooling);
        finalResult(request(cooled, cooling).build(), "SUCCEEDED");
        assertThat(finalResult(request(cooled, cooling).build(), "REJECTED").getReason())
                .startsWith("cooldown: runbook '" + cooled.getRunbookId() + "' last ran for service '" + cooling + "'");
        assertThat(TARGET.to(coolingPath)).hasSize(1);
    }

    @Test
    void waitsForASecondPersonToApproveANeedsApprovalRunbook() {
        String service = unique("checkout");
        String path = "/" + unique("approved");
        RunbookVersion runbook = catalogued(runbook(unique("restart"), service, TARGET.url(path))
                .setMode(RunbookMode.NEEDS_APPROVAL).build());
        allow(runbook.getRunbookId(), service);
        owned(service, "payments");

        // A person asks: recorded at once, then waiting; nobody asks themselves for permission.
        Answer asked = api("POST", "/api/v1/runs", "alice", Map.of("incidentId", unique("incident"),
                "runbookId", runbook.getRunbookId(), "serviceId", service,
                "parameters", Map.of("queue", "orders", "token", "s3cr3t-value"), "reason", "queue backing up"));
        assertThat(asked.status()).isEqualTo(201);
        String runId = asked.body().path("id").asString();
        await().atMost(ExecutorTestKit.PATIENCE).until(() -> api("GET", "/api/v1/runs/" + runId, "alice", null)
                .body().path("state").asString().equals("AWAITING_APPROVAL"));
        Answer own = api("POST", "/api/v1/runs/" + runId + "/approve", "alice", Map.of("reason", "lgtm"));
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.contentType()).startsWith("application/problem+json");
        assertThat(own.body().path("detail").asString()).contains("alice asked for this run");
        // Support and viewers cannot decide at all; a responder cannot while the registry cannot vouch for them.
        assertThat(api("POST", "/api/v1/runs/" + runId + "/approve", "carol", Map.of("reason", "x")).status())
                .isEqualTo(403);
        Answer unvouched = api("POST", "/api/v1/runs/" + runId + "/approve", "bob", Map.of("reason", "lgtm"));
        assertThat(unvouched.status()).isEqualTo(503);
        assertThat(unvouched.body().path("detail").asString()).startsWith("membership unknown");
        assertThat(api("GET", "/api/v1/runs/" + runId, "alice", null).body().path("state").asString())
                .isEqualTo("AWAITING_APPROVAL");
        assertThat(TARGET.to(path)).isEmpty();

        // The router asks; alice, another person, approves; it runs once, in her name.
        RemediationRequest request = request(runbook, service).build();
        publish(REQUESTS, request.getIncidentId(), request);
        results(request.getRequestId(), found -> outcomes(found).contains("AWAITING_APPROVAL"));
        String waiting = runOf(request.getRequestId()).path("id").asString();
        assertThat(TARGET.to(path)).isEmpty();
        Answer approved = api("POST", "/api/v1/runs/" + waiting + "/approve", "alice", Map.of("reason", "checked"));
        assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
        List<RemediationResult> results = results(request.getRequestId(),
                found -> outcomes(found).contains("SUCCEEDED"));
        assertThat(outcomes(results)).containsExactly("AWAITING_APPROVAL", "APPROVED", "STARTED", "SUCCEEDED");
        assertThat(results.get(1).getActor().getId()).isEqualTo("alice");
        assertThat(results.get(3).getActor().getId()).as("who approved it").isEqualTo("alice");
        assertThat(TARGET.to(path)).hasSize(1);
        JsonNode run = api("GET", "/api/v1/runs/" + waiting, "dave", null).body();
        assertThat(run.path("decidedBy").asString()).isEqualTo("alice");
        assertThat(api("POST", "/api/v1/runs/" + waiting + "/approve", "alice", Map.of("reason", "again")).status())
                .isEqualTo(409);
    }

    @Test
    void rejectsOnAPersonsWordWithTheirReason() {
        String service = unique("checkout");
        String path = "/" + unique("rejected");
        RunbookVersion runbook = catalogued(runbook(unique("restart"), service, TARGET.url(path))
                .setRiskClass(io.ownwatch.events.RiskClass.HIGH).build());
        allow(runbook.getRunbookId(), service);
        RemediationRequest request = request(runbook, service).build();
        publish(REQUESTS, request.getIncidentId(), request);
        results(request.getRequestId(), found -> outcomes(found).contains("AWAITING_APPROVAL"));
        String waiting = runOf(request.getRequestId()).path("id").asString();
        assertThat(api("POST", "/api/v1/runs/" + waiting + "/reject", "alice", Map.of("reason", "not during peak"))
                .status()).isEqualTo(200);
        RemediationResult rejected = results(request.getRequestId(), found -> outcomes(found).contains("REJECTED"))
                .get(1);
        assertThat(rejected.getReason()).isEqualTo("rejected by alice: not during peak");
        assertThat(rejected.getActor().getId()).isEqualTo("alice");
        assertThat(TARGET.to(path)).isEmpty();
    }

    @Test
    void shadowRunsReportWhatWouldHaveRunAndCallNothing() {
        String service = unique("checkout");
        String path = "/" + unique("shadow");
        RunbookVersion shadow = catalogued(runbook(unique("drain-queue"), service, TARGET.url(path)).setShadow(true)
                .build());
        allow(shadow.getRunbookId(), service);
        RemediationResult result = finalResult(request(shadow, service).build(), "REJECTED");
        assertThat(result.getReason()).startsWith("shadow mode: nothing ran; would have run: drain: POST "
                + TARGET.url(path));
        assertThat(result.getSteps()).hasSize(1);
        assertThat(result.getSteps().get(0).getSucceeded()).isFalse();
        assertThat(result.getSteps().get(0).getDetail()).isEqualTo("would run: POST " + TARGET.url(path));
        assertThat(TARGET.to(path)).isEmpty();

        // Globally, through the ops API.
        String globalPath = "/" + unique("global-shadow");
        RunbookVersion live = catalogued(runbook(unique("drain-queue"), service, TARGET.url(globalPath)).build());
        allow(live.getRunbookId(), service);
        assertThat(api("PUT", "/api/v1/policy/shadow", "bob", Map.of("enabled", true, "reason", "x")).status())
                .isEqualTo(403);
        assertThat(api("PUT", "/api/v1/policy/shadow", "alice", Map.of("enabled", true, "reason", "rehearsal"))
                .status()).isEqualTo(200);
        try {
            RemediationRequest request = request(live, service).build();
            assertThat(finalResult(request, "REJECTED").getReason()).startsWith("shadow mode");
            JsonNode run = runOf(request.getRequestId());
            assertThat(run.path("state").asString()).isEqualTo("SHADOWED");
            assertThat(run.path("plan").get(0).path("description").asString()).isEqualTo("POST " + TARGET.url(globalPath));
        } finally {
            api("PUT", "/api/v1/policy/shadow", "alice", Map.of("enabled", false, "reason", "rehearsal over"));
        }
        assertThat(TARGET.to(globalPath)).isEmpty();
    }

    @Test
    void refusesBadInputWithTheFieldAndChangesNothing() {
        int rules = api("GET", "/api/v1/policy/rules", "alice", null).body().path("items").size();
        Answer noReason = api("POST", "/api/v1/policy/rules", "alice", Map.of("runbookId", "x", "serviceId", "y"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().path("errors").toString()).contains("reason");
        Answer badId = api("POST", "/api/v1/policy/rules", "alice",
                Map.of("runbookId", "x; drop", "serviceId", "y", "reason", "r"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.body().path("errors").toString()).contains("runbookId");
        assertThat(api("POST", "/api/v1/policy/rules", "bob", Map.of("runbookId", "x", "serviceId", "y",
                "reason", "r")).status()).isEqualTo(403);
        assertThat(api("GET", "/api/v1/policy/rules", "alice", null).body().path("items").size()).isEqualTo(rules);

        Answer badScope = api("PUT", "/api/v1/kill-switches/everything", "alice", Map.of("reason", "r"));
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.body().path("errors").get(0).path("field").asString()).isEqualTo("scope");
        assertThat(api("PUT", "/api/v1/kill-switches/global", "bob", Map.of("reason", "r")).status()).isEqualTo(403);
        assertThat(api("PUT", "/api/v1/kill-switches/global", "alice", Map.of()).status()).isEqualTo(400);
        assertThat(api("DELETE", "/api/v1/kill-switches/service:nothing-set", "alice", null).status()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/kill-switches", "alice", null).body().path("items").toString())
                .doesNotContain("\"global\"");

        int runs = api("GET", "/api/v1/runs?limit=500", "alice", null).body().path("items").size();
        Answer noRunReason = api("POST", "/api/v1/runs", "alice", Map.of("runbookId", "x", "serviceId", "y"));
        assertThat(noRunReason.status()).isEqualTo(400);
        assertThat(noRunReason.body().path("errors").toString()).contains("reason");
        Answer badParameter = api("POST", "/api/v1/runs", "alice", Map.of("runbookId", "x", "serviceId", "y",
                "reason", "r", "parameters", Map.of("bad name", "v")));
        assertThat(badParameter.status()).isEqualTo(400);
        assertThat(api("POST", "/api/v1/runs", "alice", "{not json").status()).isEqualTo(400);
        assertThat(api("GET", "/api/v1/runs?limit=500", "alice", null).body().path("items").size()).isEqualTo(runs);
        assertThat(api("GET", "/api/v1/runs/" + java.util.UUID.randomUUID(), "alice", null).status()).isEqualTo(404);
        assertThat(api("POST", "/api/v1/runs/" + java.util.UUID.randomUUID() + "/approve", "alice",
                Map.of("reason", "r")).status()).isEqualTo(404);
        assertThat(api("POST", "/api/v1/runs/" + java.util.UUID.randomUUID() + "/approve", "dave",
                Map.of("reason", "r")).status()).isEqualTo(403);
    }

    @Test
    void refusesAViewersRequestWithTheReason() {
        String service = unique("checkout");
        String path = "/" + unique("viewer");
        RunbookVersion runbook = catalogued(runbook(unique("drain-queue"), service, TARGET.url(path)).build());
        allow(runbook.getRunbookId(), service);
        Answer asked = api("POST", "/api/v1/runs", "dave", Map.of("runbookId", runbook.getRunbookId(),
                "serviceId", service, "parameters", Map.of("queue", "orders"), "reason", "curious"));
        assertThat(asked.status()).isEqualTo(201);
        String runId = asked.body().path("id").asString();
        await().atMost(ExecutorTestKit.PATIENCE).until(() -> api("GET", "/api/v1/runs/" + runId, "dave", null)
                .body().path("state").asString().equals("REJECTED"));
        JsonNode run = api("GET", "/api/v1/runs/" + runId, "dave", null).body();
        assertThat(run.path("reason").asString()).contains("dave may not run runbooks");
        assertThat(run.path("refusedField").asString()).isEqualTo("requestedBy");
        assertThat(TARGET.to(path)).isEmpty();
    }

    @Test
    void sendsARecordThatIsNoRequestToTheDeadLetterTopic() {
        String key = unique("not-a-request");
        RunbookVersion wrongType = runbook(unique("drain-queue"), "x", TARGET.url("/never")).build();
        // The registry would refuse a RunbookVersion under the requests subject: write its runbooks.v1 bytes raw.
        io.ownwatch.schemas.serde.KafkaAvroSerializer values = new io.ownwatch.schemas.serde.KafkaAvroSerializer();
        values.configure(Map.of("schema.registry.url", ExecutorTestKit.infra().schemaRegistryUrl()), false);
        byte[] bytes = values.serialize(RUNBOOKS, wrongType);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ExecutorTestKit.infra().kafkaBootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(REQUESTS, key, bytes)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ExecutorTestKit.infra().kafkaBootstrapServers(),
                org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, unique("dlq-reader")),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of("remediation.requests.v1.remediation-executor.dlq"));
            List<String> keys = new ArrayList<>();
            await().atMost(ExecutorTestKit.PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> keys.add(record.key()));
                return keys.contains(key);
            });
        }
    }
}
