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
import io.ownwatch.events.ServiceOwnership;
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
 * The outbox with the fault injected: changes made while the broker is down are accepted (the
 * outbox holds them), and once the broker is back every change arrives exactly once, in order per
 * service. The registry gets a stack of its own here, because stopping the shared broker would
 * disturb every other test in the JVM.
 */
class OwnershipOutageIT {

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

    private static String service(String id, String name, String team) {
        return """
                {%s"name":"%s","teamId":"%s","labelMatchers":[{"label":"service","op":"EQUALS","value":"%s"}]}"""
                .formatted(id == null ? "" : "\"id\":\"" + id + "\",", name, team, name);
    }

    private static void expect(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
    }

    @Test
    void deliversEveryChangeMadeWhileTheBrokerWasDownExactlyOnceInOrderPerService() throws Exception {
        String alice = tokens.person("alice");
        expect(api.send(alice, "POST", "/api/v1/teams", "{\"id\":\"payments\",\"name\":\"Payments\"}"), 201);
        expect(api.send(alice, "POST", "/api/v1/teams", "{\"id\":\"identity\",\"name\":\"Identity\"}"), 201);
        expect(api.send(alice, "POST", "/api/v1/services", service("checkout", "checkout", "payments")), 201);

        try (OwnershipTopic topic = new OwnershipTopic(stack)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> topic.poll().size() == 1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished() == 0);

        stack.stopKafka();
        try {
            // Every change answers at once: the outbox holds it, nothing waits for the broker.
            expect(api.send(alice, "POST", "/api/v1/services", service("cart", "cart", "payments")), 201);
            expect(api.ifMatch(alice, "PUT", "/api/v1/services/checkout", service(null, "checkout", "identity"), "\"0\""), 200);
            expect(api.ifMatch(alice, "PUT", "/api/v1/services/checkout", service(null, "checkout", "payments"), "\"1\""), 200);
            expect(api.ifMatch(alice, "DELETE", "/api/v1/services/cart", null, "\"0\""), 204);
            expect(api.send(alice, "POST", "/api/v1/services", service("login", "login", "identity")), 201);
            expect(api.ifMatch(alice, "PUT", "/api/v1/services/login", service(null, "login", "payments"), "\"0\""), 200);
            // ...and keeps holding them over several relay polls while the broker stays away.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 6);
        }
        finally {
            stack.startKafka();
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> unpublished() == 0);

        try (OwnershipTopic topic = new OwnershipTopic(stack)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(topic.poll()).hasSizeGreaterThanOrEqualTo(7));
            // Give a duplicate, if the relay were to produce one, the chance to show up before judging.
            long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < settle) {
                topic.poll();
            }

            Map<String, List<OwnershipTopic.Change>> byKey = topic.byKey();
            assertThat(revisions(byKey.get("checkout"))).containsExactly("0/payments", "1/identity", "2/payments");
            assertThat(revisions(byKey.get("cart"))).containsExactly("0/payments", "tombstone");
            assertThat(revisions(byKey.get("login"))).containsExactly("0/identity", "1/payments");
            assertThat(topic.poll()).as("exactly once: nothing more than the seven changes").hasSize(7);
            assertThat(topic.view().keySet()).containsExactlyInAnyOrder("checkout", "login");
        }

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, OwnershipTopic.TOPIC);
            String policy = admin.describeConfigs(List.of(topic)).all().get().get(topic)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            assertThat(policy).as("ownership.v1 keeps the latest state per service").isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    /** Changes the outbox holds that the broker has not acknowledged yet, read straight from the registry's database. */
    private static long unpublished() throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("registry"), stack.databaseUsername(),
                stack.databasePassword());
                ResultSet rows = connection.createStatement()
                        .executeQuery("SELECT count(*) FROM outbox_message WHERE published_at IS NULL")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> revisions(List<OwnershipTopic.Change> changes) {
        assertThat(changes).isNotNull();
        return changes.stream().map(change -> {
            ServiceOwnership value = change.value();
            return value == null ? "tombstone" : value.getRevision() + "/" + value.getTeamId();
        }).toList();
    }
}
