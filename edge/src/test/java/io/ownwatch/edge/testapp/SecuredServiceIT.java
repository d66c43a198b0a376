package io.ownwatch.edge.testapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a caller of any secured service sees: 401/403 problem details, the allowed calls, and the audit trail. */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + SecuredTestApplication.CONFIG_NAME)
class SecuredServiceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DATABASE = "edge";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties(DATABASE).forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Tokens tokens = TestInfrastructure.tokens();
    private final Infrastructure infrastructure = TestInfrastructure.get();

    @Test
    void refusesARequestWithoutATokenWithABearerChallenge() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/things", null);

        assertUnauthenticated(response);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void refusesExpiredForeignWrongAudienceAndTamperedTokens() throws Exception {
        List<String> refused = List.of(
                tokens.expired("bob"),
                tokens.foreignIssuer("bob"),
                tokens.wrongAudience(),
                tokens.tampered(tokens.person("dave")));
        for (String token : refused) {
            HttpResponse<String> response = send("GET", "/api/v1/things", token);
            assertUnauthenticated(response);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void letsAResponderReadAndCreate() throws Exception {
        String bob = tokens.person("bob");

        HttpResponse<String> list = send("GET", "/api/v1/things", bob);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).isEqualTo("[\"one\"]");
        assertThat(send("POST", "/api/v1/things/created-by-bob", bob).statusCode()).isEqualTo(201);
    }

    @Test
    void forbidsAViewerToMutate() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/things/by-dave", tokens.person("dave"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://ownwatch.io/problems/forbidden");
        assertThat(problem.get("status").asInt()).isEqualTo(403);
    }

    @Test
    void keepsProbesAndMetricsOpen() throws Exception {
        assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/prometheus", null).statusCode()).isEqualTo(200);
    }

    @Test
    void auditsAllowedAndRefusedMutationsButNotReads() throws Exception {
        String marker = UUID.randomUUID().toString();
        assertThat(send("POST", "/api/v1/things/allowed-" + marker, tokens.person("bob")).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/things/forbidden-" + marker, tokens.person("dave")).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/things/anonymous-" + marker, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/v1/things/read-" + marker, tokens.person("bob")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> rows = auditRows("", marker);
            assertThat(rows).extracting(row -> row.get("path").asString() + " " + row.get("actor").asString() + " "
                            + row.get("roles").asString() + " " + row.get("method").asString() + " " + row.get("outcome").asInt())
                    .containsExactlyInAnyOrder(
                            "/api/v1/things/allowed-" + marker + " bob responder POST 201",
                            "/api/v1/things/forbidden-" + marker + " dave viewer POST 403",
                            "/api/v1/things/anonymous-" + marker + " anonymous  POST 401");
        });
        JsonNode bobs = JSON.readTree(get("/api/v1/audit?actor=bob&outcome=201&size=500").body()).get("items");
        assertThat(bobs.valueStream()).anySatisfy(row -> {
            assertThat(row.get("resource").asString()).isEqualTo("/api/v1/things/allowed-" + marker);
            assertThat(row.get("sourceAddress").asString()).isEqualTo("127.0.0.1");
            assertThat(row.get("occurredAt").asString()).isNotBlank();
        });
    }

    @Test
    void recordsAQuerySentAsPostOnlyWhenItIsRefused() throws Exception {
        String marker = UUID.randomUUID().toString();
        assertThat(send("POST", "/api/v1/things/answered-" + marker + "/lookup", tokens.person("bob")).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/things/refused-" + marker + "/lookup", tokens.person("dave")).statusCode()).isEqualTo(403);
        // A plain mutation after both: once it is in the trail, the lookups before it have been handled.
        assertThat(send("POST", "/api/v1/things/after-" + marker, tokens.person("bob")).statusCode()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(auditRows("", marker))
                .extracting(row -> row.get("path").asString() + " " + row.get("outcome").asInt())
                .containsExactlyInAnyOrder(
                        "/api/v1/things/refused-" + marker + "/lookup 403",
                        "/api/v1/things/after-" + marker + " 201"));
    }

    @Test
    void showsTheAuditTrailToOpsAdminsOnly() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/audit", tokens.person("bob"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).get("type").asString()).isEqualTo("https://ownwatch.io/problems/forbidden");
        assertUnauthenticated(send("GET", "/api/v1/audit", null));
        assertThat(get("/api/v1/audit").statusCode()).isEqualTo(200);
    }

    @Test
    void neverLetsALineBreakIntoTheAuditTrail() throws Exception {
        String marker = UUID.randomUUID().toString();
        send("POST", "/api/v1/things/" + marker + "%0D%0Aaudit%20actor=alice%20outcome=201", tokens.person("bob"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> rows = auditRows("", marker);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("path").asString())
                    .isEqualTo("/api/v1/things/" + marker + "__audit actor=alice outcome=201")
                    .doesNotContain("\r", "\n");
        });
    }

    @Test
    void refusesToUpdateDeleteOrTruncateAuditRows() throws Exception {
        assertThat(send("POST", "/api/v1/things/row-" + UUID.randomUUID(), tokens.person("bob")).statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> !auditRows("bob", "row-").isEmpty());

        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(DATABASE),
                infrastructure.databaseUsername(), infrastructure.databasePassword());
             Statement statement = connection.createStatement()) {
            for (String sql : List.of("UPDATE audit_event SET actor = 'mallory'", "DELETE FROM audit_event", "TRUNCATE audit_event")) {
                assertThatThrownBy(() -> statement.execute(sql)).as(sql)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("audit_event is append-only");
            }
        }
        assertThat(auditRows("bob", "row-")).isNotEmpty().noneMatch(row -> row.get("actor").asString().equals("mallory"));
    }

    private List<JsonNode> auditRows(String actor, String pathPart) throws Exception {
        HttpResponse<String> response = get("/api/v1/audit?size=500" + (actor.isEmpty() ? "" : "&actor=" + actor));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        JSON.readTree(response.body()).get("items").forEach(row -> {
            if (row.get("path").asString().contains(pathPart)) {
                rows.add(row);
            }
        });
        return rows;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, tokens.person("alice"));
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertUnauthenticated(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://ownwatch.io/problems/unauthenticated");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
    }
}
