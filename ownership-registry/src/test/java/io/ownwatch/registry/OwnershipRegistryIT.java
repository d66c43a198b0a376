package io.ownwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The registry's HTTP API on a real PostgreSQL, as a client sees it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME)
class OwnershipRegistryIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("registry").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    // Every call is made as alice, an ops-admin, who may do everything this test does; RegistryAccessIT covers who may not.

    /** A unique suffix so that tests sharing one database never see each other's teams and services. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    record Answer(int status, String contentType, String location, JsonNode body) {
    }

    private Answer send(String method, String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + TestInfrastructure.tokens().person("alice"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Location").orElse(null), json);
    }

    private Answer post(String path, String json) throws IOException, InterruptedException {
        return send("POST", path, "application/json", json);
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    private void createTeam(String id, String name) throws Exception {
        assertThat(post("/api/v1/teams", """
                {"id":"%s","name":"%s"}""".formatted(id, name)).status()).isEqualTo(201);
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
        assertThat(answer.body().path("trace").isMissingNode()).as("no stack trace").isTrue();
        if (field != null) {
            assertThat(answer.body().path("detail").asString()).contains(field);
            assertThat(answer.body().path("errors").findValuesAsString("field")).contains(field);
        }
    }

    @Test
    void createsATeamAndAServiceAndResolvesAnAlertToThem() throws Exception {
        String team = "payments-" + run;
        String service = "checkout-" + run;

        Answer created = post("/api/v1/teams", """
                {"id":"%s","name":"Payments"}""".formatted(team));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).endsWith("/api/v1/teams/" + team);
        assertThat(created.body().path("name").asString()).isEqualTo("Payments");
        assertThat(get("/api/v1/teams/" + team).body().path("name").asString()).isEqualTo("Payments");

        Answer serviceCreated = post("/api/v1/services", """
                {"id":"%s","name":"Checkout","teamId":"%s","tier":"tier-1",
                 "labelMatchers":[{"label":"service","op":"EQUALS","value":"%s"}]}""".formatted(service, team, service));
        assertThat(serviceCreated.status()).isEqualTo(201);
        assertThat(serviceCreated.location()).endsWith("/api/v1/services/" + service);
        JsonNode stored = get("/api/v1/services/" + service).body();
        assertThat(stored.path("teamId").asString()).isEqualTo(team);
        assertThat(stored.path("tier").asString()).isEqualTo("tier-1");
        assertThat(stored.path("version").asLong()).isZero();
        assertThat(stored.path("labelMatchers").get(0).path("op").asString()).isEqualTo("EQUALS");

        Answer resolved = post("/api/v1/resolve", """
                {"labels":{"service":"%s","severity":"critical"}}""".formatted(service));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.body().path("serviceId").asString()).isEqualTo(service);
        assertThat(resolved.body().path("serviceName").asString()).isEqualTo("Checkout");
        assertThat(resolved.body().path("teamId").asString()).isEqualTo(team);
        assertThat(resolved.body().path("teamName").asString()).isEqualTo("Payments");
        assertThat(resolved.body().has("escalationPolicyId")).isTrue();
        assertThat(resolved.body().path("escalationPolicyId").isNull()).isTrue();
        assertThat(resolved.body().path("runbooks").isArray()).isTrue();
    }

    @Test
    void resolvesToTheMostSpecificServiceAmongSeveralThatMatch() throws Exception {
        String team = "platform-" + run;
        createTeam(team, "Platform");
        assertThat(post("/api/v1/services", """
                {"id":"api-%1$s","name":"API","teamId":"%2$s",
                 "labelMatchers":[{"label":"app","op":"REGEX","value":"api-%1$s.*"}]}""".formatted(run, team)).status()).isEqualTo(201);
        assertThat(post("/api/v1/services", """
                {"id":"api-prod-%1$s","name":"API prod","teamId":"%2$s",
                 "labelMatchers":[{"label":"app","op":"REGEX","value":"api-%1$s.*"},{"label":"env","op":"EQUALS","value":"prod"}]}"""
                .formatted(run, team)).status()).isEqualTo(201);

        assertThat(post("/api/v1/resolve", """
                {"labels":{"app":"api-%s-eu","env":"prod"}}""".formatted(run)).body().path("serviceId").asString())
                .isEqualTo("api-prod-" + run);
        assertThat(post("/api/v1/resolve", """
                {"labels":{"app":"api-%s-eu","env":"staging"}}""".formatted(run)).body().path("serviceId").asString())
                .isEqualTo("api-" + run);
    }

    @Test
    void answersNoOwnerWhenNoServiceMatches() throws Exception {
        Answer answer = post("/api/v1/resolve", """
                {"labels":{"service":"nobody-owns-%s"}}""".formatted(run));
        assertProblem(answer, 404, null);
        assertThat(answer.body().path("type").asString()).isEqualTo("https://ownwatch.io/problems/no-owner");
        assertThat(answer.body().path("title").asString()).isEqualTo("No service owns this alert");
    }

    @Test
    void refusesAResolveWithoutLabels() throws Exception {
        assertProblem(post("/api/v1/resolve", "{}"), 400, "labels");
    }

    @Test
    void refusesADuplicateTeamAndKeepsTheFirst() throws Exception {
        String team = "dup-" + run;
        createTeam(team, "First");
        Answer answer = post("/api/v1/teams", """
                {"id":"%s","name":"Second"}""".formatted(team));
        assertProblem(answer, 409, null);
        assertThat(answer.body().path("detail").asString()).contains(team);
        assertThat(get("/api/v1/teams/" + team).body().path("name").asString()).isEqualTo("First");
    }

    @Test
    void refusesATeamIdThatIsNotASlugAndStoresNothing() throws Exception {
        assertProblem(post("/api/v1/teams", """
                {"id":"Bad Id %s","name":"Bad"}""".formatted(run)), 400, "id");
        assertProblem(post("/api/v1/teams", """
                {"id":"ok-%s"}""".formatted(run)), 400, "name");
        assertProblem(get("/api/v1/teams/ok-" + run), 404, null);
    }

    @Test
    void refusesAServiceOfAnUnknownTeamAndStoresNothing() throws Exception {
        Answer answer = post("/api/v1/services", """
                {"id":"orphan-%1$s","name":"Orphan","teamId":"ghost-%1$s",
                 "labelMatchers":[{"label":"service","op":"EQUALS","value":"orphan"}]}""".formatted(run));
        assertProblem(answer, 422, "teamId");
        assertProblem(get("/api/v1/services/orphan-" + run), 404, null);
    }

    @Test
    void refusesAServiceWithAnInvalidRegexAndStoresNothing() throws Exception {
        String team = "regex-" + run;
        createTeam(team, "Regex");
        Answer answer = post("/api/v1/services", """
                {"id":"bad-regex-%1$s","name":"Bad","teamId":"%2$s",
                 "labelMatchers":[{"label":"service","op":"EQUALS","value":"x"},{"label":"service","op":"REGEX","value":"check(out"}]}"""
                .formatted(run, team));
        assertProblem(answer, 400, "labelMatchers[1].value");
        assertProblem(get("/api/v1/services/bad-regex-" + run), 404, null);
        assertThat(get("/api/v1/services?size=500").body().path("items").findValuesAsString("id"))
                .doesNotContain("bad-regex-" + run);
    }

    @Test
    void refusesAServiceWithoutMatchersOrWithAnUnknownOperator() throws Exception {
        String team = "matchers-" + run;
        createTeam(team, "Matchers");
        assertProblem(post("/api/v1/services", """
                {"id":"none-%s","name":"None","teamId":"%s","labelMatchers":[]}""".formatted(run, team)),
                400, "labelMatchers");
        Answer unknownOp = post("/api/v1/services", """
                {"id":"like-%s","name":"Like","teamId":"%s","labelMatchers":[{"label":"a","op":"LIKE","value":"b"}]}"""
                .formatted(run, team));
        assertProblem(unknownOp, 400, "labelMatchers[0].op");
        assertProblem(get("/api/v1/services/none-" + run), 404, null);
        assertProblem(get("/api/v1/services/like-" + run), 404, null);
    }

    @Test
    void answersMalformedJsonAndWrongContentTypeWithProblems() throws Exception {
        Answer malformed = post("/api/v1/teams", "{\"id\": \"oops-" + run + "\", ");
        assertProblem(malformed, 400, null);
        assertThat(malformed.body().path("type").asString()).isEqualTo("https://ownwatch.io/problems/malformed-request");

        Answer wrongType = send("POST", "/api/v1/teams", "text/plain", "id=oops-" + run);
        assertProblem(wrongType, 415, null);
        assertProblem(get("/api/v1/teams/oops-" + run), 404, null);
    }

    @Test
    void listsTeamsPageByPageAndRefusesBadPaging() throws Exception {
        createTeam("list-a-" + run, "A");
        createTeam("list-b-" + run, "B");
        JsonNode page = get("/api/v1/teams?page=0&size=1").body();
        assertThat(page.path("items").size()).isEqualTo(1);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(1);
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(2);

        assertProblem(get("/api/v1/teams?page=-1"), 400, "page");
        assertProblem(get("/api/v1/teams?size=0"), 400, "size");
        assertProblem(get("/api/v1/services?page=abc"), 400, "page");
    }

    @Test
    void exposesHealthProbesMetricsAndOpenApi() throws Exception {
        assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(get("/v3/api-docs").body().path("paths").has("/api/v1/resolve")).isTrue();
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }
}
