package io.ownwatch.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The executor's audit trail: ops-admins read it, everyone else is refused, and probes and scrapers still reach
 * health and metrics without a token.
 */
// Closed after the class: a cached executor would keep claiming runs and consuming requests under later ITs.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + RemediationExecutorApplication.CONFIG_NAME)
class RemediationExecutorAccessIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Tokens TOKENS = TestInfrastructure.tokens();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("executor").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    record Answer(int status, String contentType, String wwwAuthenticate, JsonNode body) {
    }

    private Answer send(String method, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json, application/problem+json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("WWW-Authenticate").orElse(null),
                response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body()));
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
        assertThat(answer.body().path("type").asString()).isEqualTo(type);
    }

    @Test
    void showsTheAuditTrailToOpsAdminsOnly() throws Exception {
        Answer trail = send("GET", "/api/v1/audit", TOKENS.person("alice"));
        assertThat(trail.status()).isEqualTo(200);
        assertThat(trail.body().path("items").isArray()).isTrue();

        for (String person : List.of("bob", "carol", "dave")) {
            assertProblem(send("GET", "/api/v1/audit", TOKENS.person(person)), 403, "https://ownwatch.io/problems/forbidden");
        }
        assertProblem(send("GET", "/api/v1/audit", TOKENS.client("alert-router", "alert-router-secret", "registry.resolve")),
                403, "https://ownwatch.io/problems/forbidden");
    }

    @Test
    void refusesCallsWithoutAValidTokenWith401() throws Exception {
        for (String token : new String[] {null, TOKENS.expired("alice"), TOKENS.foreignIssuer("alice"),
                TOKENS.tampered(TOKENS.person("dave")), TOKENS.wrongAudience()}) {
            Answer answer = send("GET", "/api/v1/audit", token);
            assertProblem(answer, 401, "https://ownwatch.io/problems/unauthenticated");
            assertThat(answer.wwwAuthenticate()).startsWith("Bearer");
        }
    }

    @Test
    void auditsARefusedMutation() throws Exception {
        assertThat(send("DELETE", "/api/v1/audit", TOKENS.person("dave")).status()).isIn(403, 405);

        Answer trail = send("GET", "/api/v1/audit?actor=dave", TOKENS.person("alice"));
        assertThat(trail.body().path("items").findValuesAsString("method")).contains("DELETE");
    }

    @Test
    void keepsHealthAndMetricsOpenForProbesAndScrapers() throws Exception {
        assertThat(send("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"remediation-executor\"");
    }
}
