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

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.events.RemediationRequest;
import io.ownwatch.events.RemediationResult;
import io.ownwatch.events.RunbookMode;
import io.ownwatch.events.RunbookVersion;
import io.ownwatch.executor.ExecutorTestKit.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two executor instances on one database, started here the way a deployment starts them. A run one executor left
 * RUNNING when it died is found on start and ends UNKNOWN, not run again; one request is run by one instance only;
 * an approval nobody gives in time expires.
 */
class RunRecoveryIT {

    private static final Tokens TOKENS = TestInfrastructure.tokens();
    private static final Target TARGET = new Target();
    private static final String CRASHED_PATH = "/" + unique("crashed");
    private static final String CRASHED_REQUEST = UUID.randomUUID().toString();
    private static final String CRASHED_INCIDENT = UUID.randomUUID().toString();
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoExecutorsAfterACrash() throws Exception {
        Infrastructure infra = TestInfrastructure.get();
        Map<String, String> database = infra.springProperties("executor");
        // The database as the crashed executor left it: migrated, one run RUNNING with its last heartbeat long ago.
        Flyway.configure()
                .dataSource(database.get("spring.datasource.url"), infra.databaseUsername(), infra.databasePassword())
                .locations("classpath:db/migration/executor", "classpath:db/migration/audit",
                        "classpath:db/migration/outbox")
                .outOfOrder(true)
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(database.get("spring.datasource.url"),
                infra.databaseUsername(), infra.databasePassword());
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO remediation_run (id, request_id, incident_id, runbook_id, runbook_version, content_hash,
                            service_id, severity, parameters, requester_kind, requester_id, state, requested_at,
                            state_changed_at, started_at, runner, heartbeat_at)
                        VALUES (?, ?, ?, 'drain-queue', 1, 'sha256:crashed', ?, 'CRITICAL', '{}', 'AUTOMATION',
                            'alert-router', 'RUNNING', ?, ?, ?, 'executor-that-died', ?)""")) {
            Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofMinutes(10)));
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, CRASHED_REQUEST);
            insert.setString(3, CRASHED_INCIDENT);
            insert.setString(4, unique("checkout"));
            for (int i = 5; i <= 8; i++) {
                insert.setTimestamp(i, longAgo);
            }
            insert.executeUpdate();
        }
        first = start();
        second = start();
    }

    static ConfigurableApplicationContext start() {
        List<String> arguments = new ArrayList<>();
        TestInfrastructure.get().springProperties("executor")
                .forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.add("--server.port=0");
        arguments.add("--ownwatch.executor.runs.poll-delay=200ms");
        arguments.add("--ownwatch.executor.runs.approval-timeout=2s");
        arguments.add("--ownwatch.executor.registry.url=http://127.0.0.1:" + ExecutorTestKit.closedPort());
        return new SpringApplicationBuilder(RemediationExecutorApplication.class)
                .properties("spring.config.name=" + RemediationExecutorApplication.CONFIG_NAME)
                .run(arguments.toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        TARGET.close();
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static RunbookVersion catalogued(RunbookVersion runbook) {
        publish(RUNBOOKS, runbook.getRunbookId(), runbook);
        for (ConfigurableApplicationContext instance : List.of(first, second)) {
            await().atMost(ExecutorTestKit.PATIENCE).until(() -> StreamSupport.stream(call(port(instance), "GET",
                            "/api/v1/catalog/runbooks", TOKENS.person("alice"), null).body().path("items").spliterator(), false)
                    .anyMatch(item -> item.path("runbookId").asString().equals(runbook.getRunbookId())));
        }
        assertThat(call(port(first), "POST", "/api/v1/policy/rules", TOKENS.person("alice"), Map.of("runbookId",
                runbook.getRunbookId(), "serviceId", "*", "reason", "recovery tests")).status()).isEqualTo(201);
        return runbook;
    }

    @Test
    void endsARunFoundRunningWithoutItsExecutorUnknownAndNeverRunsItAgain() {
        List<RemediationResult> results = results(CRASHED_REQUEST, found -> outcomes(found).contains("UNKNOWN"));
        assertThat(outcomes(results)).containsExactly("UNKNOWN");
        RemediationResult unknown = results.get(0);
        assertThat(unknown.getIncidentId()).isEqualTo(CRASHED_INCIDENT);
        assertThat(unknown.getReason()).contains("stopped mid-run", "a person must check", "not run again");
        assertThat(TARGET.received).noneMatch(r -> r.path().equals(CRASHED_PATH));
    }

    @Test
    void runsOneRequestOnceWithTwoExecutorsOnOneDatabase() {
        String service = unique("checkout");
        String path = "/" + unique("twice");
        RunbookVersion runbook = catalogued(runbook(unique("drain-queue"), service, TARGET.url(path)).build());
        // The same request reaches both instances: once on the topic, and again, redelivered, through the other.
        RemediationRequest request = request(runbook, service).build();
        publish(REQUESTS, request.getIncidentId(), request);
        publish(REQUESTS, request.getIncidentId(), request);
        List<RemediationResult> results = results(request.getRequestId(), found -> outcomes(found).contains("SUCCEEDED"));
        assertThat(outcomes(results)).containsExactly("STARTED", "SUCCEEDED");
        assertThat(TARGET.to(path)).hasSize(1);

        // Many requests for different services at once: both instances claim, each run starts once.
        List<String> paths = new ArrayList<>();
        List<RemediationRequest> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String manyService = unique("checkout");
            String manyPath = "/" + unique("many");
            RunbookVersion many = catalogued(runbook(unique("drain-queue"), manyService, TARGET.url(manyPath)).build());
            paths.add(manyPath);
            requests.add(request(many, manyService).build());
        }
        requests.forEach(r -> publish(REQUESTS, r.getIncidentId(), r));
        for (int i = 0; i < requests.size(); i++) {
            List<RemediationResult> each = results(requests.get(i).getRequestId(),
                    found -> outcomes(found).contains("SUCCEEDED"));
            assertThat(outcomes(each)).containsExactly("STARTED", "SUCCEEDED");
            assertThat(TARGET.to(paths.get(i))).hasSize(1);
        }
    }

    @Test
    void rejectsARunWhoseApprovalExpired() {
        String service = unique("checkout");
        String path = "/" + unique("expired");
        RunbookVersion runbook = catalogued(runbook(unique("restart"), service, TARGET.url(path))
                .setMode(RunbookMode.NEEDS_APPROVAL).build());
        RemediationRequest request = request(runbook, service).build();
        publish(REQUESTS, request.getIncidentId(), request);
        List<RemediationResult> results = results(request.getRequestId(), found -> outcomes(found).contains("REJECTED"));
        assertThat(outcomes(results)).containsExactly("AWAITING_APPROVAL", "REJECTED");
        assertThat(results.get(1).getReason()).startsWith("approval expired");
        assertThat(TARGET.to(path)).isEmpty();
    }
}
