package io.ownwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what on the registry, with real tokens from the embedded identity provider: alice
 * (ops-admin), bob (responder, member of payments), erin (responder, member of identity), carol
 * (support), dave (viewer) and the router's own client identity.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME)
class RegistryAccessIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Tokens TOKENS = TestInfrastructure.tokens();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("registry").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String payments = "payments-" + run;
    private final String identity = "identity-" + run;

    record Answer(int status, String contentType, String wwwAuthenticate, JsonNode body) {
    }

    private Answer send(String token, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("WWW-Authenticate").orElse(null), json);
    }

    private static String as(String person) {
        return TOKENS.person(person);
    }

    private static String router() {
        return TOKENS.client("alert-router", "alert-router-secret", "registry.resolve");
    }

    private static String teamJson(String id) {
        return """
                {"id":"%s","name":"%s"}""".formatted(id, id);
    }

    private static String serviceJson(String id, String team) {
        return """
                {"id":"%s","name":"%s","teamId":"%s","labelMatchers":[{"label":"service","op":"EQUALS","value":"%s"}]}"""
                .formatted(id, id, team, id);
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
        assertThat(answer.body().path("type").asString()).isEqualTo(type);
        assertThat(answer.body().path("trace").isMissingNode()).as("no stack trace").isTrue();
    }

    private static void assertUnauthenticated(Answer answer) {
        assertProblem(answer, 401, "https://ownwatch.io/problems/unauthenticated");
        assertThat(answer.wwwAuthenticate()).startsWith("Bearer");
    }

    private static void assertForbidden(Answer answer) {
        assertProblem(answer, 403, "https://ownwatch.io/problems/forbidden");
    }

    /** The sample people exist in the registry, and bob and erin belong to their teams, as an ops-admin set them up. */
    @BeforeEach
    void peopleAndTeams() throws Exception {
        for (String person : List.of("bob", "erin")) {
            int status = send(as("alice"), "POST", "/api/v1/people", """
                    {"id":"%s","name":"%s","email":"%s@example.com"}""".formatted(person, person, person)).status();
            assertThat(status).isIn(201, 409);
        }
        assertThat(send(as("alice"), "POST", "/api/v1/teams", teamJson(payments)).status()).isEqualTo(201);
        assertThat(send(as("alice"), "POST", "/api/v1/teams", teamJson(identity)).status()).isEqualTo(201);
        assertThat(send(as("alice"), "PUT", "/api/v1/teams/" + payments + "/members/bob", null).status()).isEqualTo(204);
        assertThat(send(as("alice"), "PUT", "/api/v1/teams/" + identity + "/members/erin", null).status()).isEqualTo(204);
    }

    @Test
    void refusesEveryApiCallWithoutAValidTokenWith401() throws Exception {
        String alice = as("alice");
        assertUnauthenticated(send(null, "GET", "/api/v1/teams", null));
        assertUnauthenticated(send(null, "POST", "/api/v1/teams", teamJson("anon-" + run)));
        assertUnauthenticated(send(null, "POST", "/api/v1/resolve", "{\"labels\":{}}"));
        assertUnauthenticated(send(TOKENS.expired("alice"), "GET", "/api/v1/teams", null));
        assertUnauthenticated(send(TOKENS.foreignIssuer("alice"), "GET", "/api/v1/teams", null));
        assertUnauthenticated(send(TOKENS.tampered(as("dave")), "POST", "/api/v1/teams", teamJson("tampered-" + run)));
        assertUnauthenticated(send(TOKENS.wrongAudience(), "GET", "/api/v1/teams", null));
        assertThat(send(alice, "GET", "/api/v1/teams/anon-" + run, null).status()).isEqualTo(404);
        assertThat(send(alice, "GET", "/api/v1/teams/tampered-" + run, null).status()).isEqualTo(404);
    }

    @Test
    void keepsHealthMetricsAndApiDocsOpenForProbesAndScrapers() throws Exception {
        assertThat(send(null, "GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(send(null, "GET", "/v3/api-docs", null).status()).isEqualTo(200);
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
    }

    @Test
    void everyRoleMayReadButOnlyAnOpsAdminChangesTeamsPeopleAndMembership() throws Exception {
        for (String person : List.of("alice", "bob", "carol", "dave")) {
            assertThat(send(as(person), "GET", "/api/v1/teams/" + payments, null).status()).as(person).isEqualTo(200);
            assertThat(send(as(person), "GET", "/api/v1/teams/" + payments + "/members", null).status()).as(person).isEqualTo(200);
            assertThat(send(as(person), "GET", "/api/v1/people/bob/teams", null).status()).as(person).isEqualTo(200);
        }
        for (String person : List.of("bob", "carol", "dave")) {
            assertForbidden(send(as(person), "POST", "/api/v1/teams", teamJson(person + "-" + run)));
            assertForbidden(send(as(person), "POST", "/api/v1/people", """
                    {"id":"%s-%s","name":"X","email":"x@example.com"}""".formatted(person, run)));
            assertForbidden(send(as(person), "PUT", "/api/v1/teams/" + identity + "/members/bob", null));
            assertForbidden(send(as(person), "DELETE", "/api/v1/teams/" + payments + "/members/bob", null));
        }
        assertThat(send(as("alice"), "GET", "/api/v1/people/bob/teams", null).body().path("teams").findValuesAsString("id"))
                .contains(payments)
                .doesNotContain(identity);
        assertThat(send(as("alice"), "GET", "/api/v1/teams/bob-" + run, null).status()).isEqualTo(404);
    }

    @Test
    void aResponderDeclaresServicesOnlyForTheirOwnTeam() throws Exception {
        Answer bobs = send(as("bob"), "POST", "/api/v1/services", serviceJson("checkout-" + run, payments));
        assertThat(bobs.status()).isEqualTo(201);

        Answer erins = send(as("erin"), "POST", "/api/v1/services", serviceJson("ledger-" + run, payments));
        assertForbidden(erins);
        assertThat(erins.body().path("detail").asString()).contains("erin", payments, "not a member");
        assertThat(send(as("alice"), "GET", "/api/v1/services/ledger-" + run, null).status()).isEqualTo(404);

        assertForbidden(send(as("carol"), "POST", "/api/v1/services", serviceJson("support-" + run, payments)));
        assertForbidden(send(as("dave"), "POST", "/api/v1/services", serviceJson("viewer-" + run, payments)));
        assertThat(send(as("alice"), "POST", "/api/v1/services", serviceJson("admin-" + run, identity)).status()).isEqualTo(201);
    }

    @Test
    void theRouterResolvesWithItsClientTokenAndMayChangeNothing() throws Exception {
        assertThat(send(as("alice"), "POST", "/api/v1/services", serviceJson("api-" + run, payments)).status()).isEqualTo(201);

        Answer resolved = send(router(), "POST", "/api/v1/resolve", """
                {"labels":{"service":"api-%s"}}""".formatted(run));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.body().path("teamId").asString()).isEqualTo(payments);
        assertThat(send(router(), "GET", "/api/v1/services/api-" + run, null).status()).isEqualTo(200);

        assertForbidden(send(router(), "POST", "/api/v1/teams", teamJson("router-" + run)));
        assertForbidden(send(router(), "POST", "/api/v1/services", serviceJson("router-" + run, payments)));
        assertThat(send(as("dave"), "POST", "/api/v1/resolve", """
                {"labels":{"service":"api-%s"}}""".formatted(run)).status()).isEqualTo(200);
    }

    @Test
    void recordsAllowedAndRefusedMutationsInTheAuditTrailForOpsAdminsOnly() throws Exception {
        String team = "audited-" + run;
        assertThat(send(as("alice"), "POST", "/api/v1/teams", teamJson(team)).status()).isEqualTo(201);
        assertForbidden(send(as("dave"), "POST", "/api/v1/teams", teamJson("refused-" + run)));
        assertUnauthenticated(send(null, "DELETE", "/api/v1/teams/" + payments + "/members/bob", null));

        List<JsonNode> alices = auditItems("/api/v1/audit?actor=alice&size=500");
        assertThat(alices).anySatisfy(entry -> {
            assertThat(entry.path("method").asString()).isEqualTo("POST");
            assertThat(entry.path("path").asString()).isEqualTo("/api/v1/teams");
            assertThat(entry.path("outcome").asInt()).isEqualTo(201);
        });
        List<JsonNode> daves = auditItems("/api/v1/audit?actor=dave&outcome=403&size=500");
        assertThat(daves).isNotEmpty().allSatisfy(entry -> assertThat(entry.path("outcome").asInt()).isEqualTo(403));
        assertThat(daves).anySatisfy(entry -> assertThat(entry.path("path").asString()).isEqualTo("/api/v1/teams"));
        assertThat(auditItems("/api/v1/audit?actor=anonymous&outcome=401&size=500"))
                .anySatisfy(entry -> assertThat(entry.path("path").asString()).isEqualTo("/api/v1/teams/" + payments + "/members/bob"));
        assertThat(send(as("alice"), "GET", "/api/v1/audit", null).body().toString()).doesNotContain("Bearer");

        assertForbidden(send(as("dave"), "GET", "/api/v1/audit", null));
        assertForbidden(send(as("bob"), "GET", "/api/v1/audit", null));
        assertUnauthenticated(send(null, "GET", "/api/v1/audit", null));
    }

    private List<JsonNode> auditItems(String path) throws Exception {
        Answer answer = send(as("alice"), "GET", path, null);
        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        answer.body().path("items").values().forEach(items::add);
        return items;
    }
}
