package io.ownwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ownwatch.devstack.DevStack;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.events.RunbookStatus;
import io.ownwatch.events.RunbookVersion;
import io.ownwatch.registry.ApiClient.Answer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An approval made while the broker is down: it is accepted at once (the outbox holds the event), and once the
 * broker is back the approval arrives on runbooks.v1 exactly once. A stack of its own, like OwnershipOutageIT,
 * because stopping the shared broker would disturb every other test in the JVM.
 */
class RunbookOutageIT {

    @TempDir
    static Path dataDirectory;

    private static RegistryOnItsOwnStack registry;
    private static DevStack stack;
    private static Tokens tokens;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        registry = RegistryOnItsOwnStack.start(dataDirectory);
        stack = registry.stack();
        tokens = registry.tokens();
        api = registry.api();
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static Answer expect(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        return answer;
    }

    private static String runbook(String id, String title) {
        return """
                {"id":"%s","teamId":"payments","title":"%s","alertMatchers":[{"label":"alertname","op":"EQUALS","value":"CheckoutDown"}],
                 "steps":[{"name":"Restart","action":"KUBERNETES_ROLLOUT_RESTART","settings":{"namespace":"shop","deployment":"checkout"}}],
                 "mode":"AUTOMATIC","riskClass":"LOW"}""".formatted(id, title);
    }

    @Test
    void publishesAnApprovalMadeWhileTheBrokerWasDownExactlyOnceWhenItIsBack() throws Exception {
        String alice = tokens.person("alice");
        String bob = tokens.person("bob");
        expect(api.send(alice, "POST", "/api/v1/people", "{\"id\":\"bob\",\"name\":\"Bob\",\"email\":\"bob@example.com\"}"), 201);
        expect(api.send(alice, "POST", "/api/v1/teams", "{\"id\":\"payments\",\"name\":\"Payments\"}"), 201);
        expect(api.send(alice, "PUT", "/api/v1/teams/payments/members/bob", null), 204);

        // A first approval with the broker up, so that the topic exists and the producer is connected before the outage.
        expect(api.send(bob, "POST", "/api/v1/runbooks", runbook("warmup", "Warm-up")), 201);
        Answer warm = expect(api.ifMatch(bob, "POST", "/api/v1/runbooks/warmup/versions/1/submit", null, "\"1.0\""), 200);
        expect(api.ifMatch(alice, "POST", "/api/v1/runbooks/warmup/versions/1/approve", null, warm.etag()), 200);
        try (RunbookTopic topic = new RunbookTopic(stack)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.poll("warmup").size() == 1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished() == 0);

        expect(api.send(bob, "POST", "/api/v1/runbooks", runbook("restart-checkout", "Restart checkout")), 201);
        Answer submitted = expect(api.ifMatch(bob, "POST", "/api/v1/runbooks/restart-checkout/versions/1/submit", null, "\"1.0\""), 200);

        stack.stopKafka();
        try {
            // The approval answers at once: the outbox holds its event, nothing waits for the broker...
            Answer approved = expect(api.ifMatch(alice, "POST", "/api/v1/runbooks/restart-checkout/versions/1/approve", null,
                    submitted.etag()), 200);
            assertThat(approved.text("status")).isEqualTo("APPROVED");
            // ...and keeps holding it over several relay polls while the broker stays away.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 1);
        }
        finally {
            stack.startKafka();
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> unpublished() == 0);

        try (RunbookTopic topic = new RunbookTopic(stack)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(topic.poll("restart-checkout")).hasSizeGreaterThanOrEqualTo(1));
            // Give a duplicate, if the relay were to produce one, the chance to show up before judging.
            long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < settle) {
                topic.poll("restart-checkout");
            }
            List<RunbookVersion> events = topic.poll("restart-checkout");
            assertThat(events).as("exactly once").hasSize(1);
            assertThat(events.get(0).getStatus()).isEqualTo(RunbookStatus.APPROVED);
            assertThat(events.get(0).getContentHash()).isEqualTo(submitted.text("contentHash"));
            assertThat(topic.poll("warmup")).hasSize(1);
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, RunbookTopic.TOPIC);
            String policy = admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            assertThat(policy).as("runbooks.v1 keeps the latest state per runbook").isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    /** Messages the outbox holds that the broker has not acknowledged yet, read straight from the registry's database. */
    private static long unpublished() throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("registry"), stack.databaseUsername(),
                stack.databasePassword());
                ResultSet rows = connection.createStatement()
                        .executeQuery("SELECT count(*) FROM outbox_message WHERE published_at IS NULL")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
