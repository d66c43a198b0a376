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

/** People and team membership over HTTP on a real PostgreSQL, as a client sees them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME)
class PeopleAndMembershipIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("registry").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    // Every call is made as alice, an ops-admin, who may do everything this test does; RegistryAccessIT covers who may not.

    /** A unique suffix so that tests sharing one database never see each other's people and teams. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    record Answer(int status, String contentType, String location, JsonNode body) {
    }

    private Answer send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + TestInfrastructure.tokens().person("alice"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Location").orElse(null), json);
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private String createPerson(String name) throws Exception {
        String id = name + "-" + run;
        assertThat(send("POST", "/api/v1/people", """
                {"id":"%s","name":"%s","email":"%s@example.com"}""".formatted(id, name, name)).status()).isEqualTo(201);
        return id;
    }

    private String createTeam(String name) throws Exception {
        String id = name + "-" + run;
        assertThat(send("POST", "/api/v1/teams", """
                {"id":"%s","name":"%s"}""".formatted(id, name)).status()).isEqualTo(201);
        return id;
    }

    private static void assertProblem(Answer answer, int status, String mentioned) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
        assertThat(answer.body().path("trace").isMissingNode()).as("no stack trace").isTrue();
        if (mentioned != null) {
            assertThat(answer.body().path("detail").asString()).contains(mentioned);
        }
    }

    @Test
    void createsAPersonAndReadsItBack() throws Exception {
        String id = "bob-" + run;
        Answer created = send("POST", "/api/v1/people", """
                {"id":"%s","name":"Bob Responder","email":"bob@example.com","slack":"U123"}""".formatted(id));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).endsWith("/api/v1/people/" + id);

        JsonNode stored = get("/api/v1/people/" + id).body();
        assertThat(stored.path("name").asString()).isEqualTo("Bob Responder");
        assertThat(stored.path("email").asString()).isEqualTo("bob@example.com");
        assertThat(stored.path("slack").asString()).isEqualTo("U123");
        assertThat(get("/api/v1/people?size=500").body().path("items").findValuesAsString("id")).contains(id);
    }

    @Test
    void refusesADuplicatePersonAndKeepsTheFirst() throws Exception {
        String id = createPerson("dup");
        Answer answer = send("POST", "/api/v1/people", """
                {"id":"%s","name":"Other","email":"other@example.com"}""".formatted(id));
        assertProblem(answer, 409, id);
        assertThat(get("/api/v1/people/" + id).body().path("name").asString()).isEqualTo("dup");
    }

    @Test
    void refusesAnInvalidPersonNamingTheFieldAndStoresNothing() throws Exception {
        Answer badEmail = send("POST", "/api/v1/people", """
                {"id":"mail-%s","name":"Mail","email":"not-an-address"}""".formatted(run));
        assertProblem(badEmail, 400, "email");
        assertThat(badEmail.body().path("errors").findValuesAsString("field")).containsExactly("email");

        Answer badId = send("POST", "/api/v1/people", """
                {"id":"Not A Slug %s","name":"Id","email":"id@example.com"}""".formatted(run));
        assertProblem(badId, 400, "id");
        assertProblem(get("/api/v1/people/mail-" + run), 404, "mail-" + run);
    }

    @Test
    void addsAndRemovesMembersIdempotently() throws Exception {
        String team = createTeam("payments");
        String bob = createPerson("bob");
        String erin = createPerson("erin");

        assertThat(send("PUT", "/api/v1/teams/" + team + "/members/" + bob, null).status()).isEqualTo(204);
        assertThat(send("PUT", "/api/v1/teams/" + team + "/members/" + bob, null).status()).isEqualTo(204);
        assertThat(send("PUT", "/api/v1/teams/" + team + "/members/" + erin, null).status()).isEqualTo(204);

        JsonNode members = get("/api/v1/teams/" + team + "/members").body();
        assertThat(members.path("teamId").asString()).isEqualTo(team);
        assertThat(members.path("members").findValuesAsString("id")).containsExactly(bob, erin);

        assertThat(send("DELETE", "/api/v1/teams/" + team + "/members/" + erin, null).status()).isEqualTo(204);
        assertThat(send("DELETE", "/api/v1/teams/" + team + "/members/" + erin, null).status()).isEqualTo(204);
        assertThat(get("/api/v1/teams/" + team + "/members").body().path("members").findValuesAsString("id"))
                .containsExactly(bob);
        assertThat(get("/api/v1/people/" + erin + "/teams").body().path("teams").isEmpty()).isTrue();
    }

    @Test
    void answersWhichTeamsAPersonBelongsTo() throws Exception {
        String payments = createTeam("payments");
        String identity = createTeam("identity");
        String bob = createPerson("bob");
        send("PUT", "/api/v1/teams/" + payments + "/members/" + bob, null);
        send("PUT", "/api/v1/teams/" + identity + "/members/" + bob, null);

        JsonNode teams = get("/api/v1/people/" + bob + "/teams").body();
        assertThat(teams.path("personId").asString()).isEqualTo(bob);
        assertThat(teams.path("teams").findValuesAsString("id")).containsExactly(identity, payments);
        assertThat(teams.path("teams").findValuesAsString("name")).containsExactly("identity", "payments");
    }

    @Test
    void namesTheUnknownTeamOrPersonInA404AndStoresNothing() throws Exception {
        String team = createTeam("known");
        String person = createPerson("known");

        assertProblem(send("PUT", "/api/v1/teams/ghost-" + run + "/members/" + person, null), 404, "ghost-" + run);
        assertProblem(send("PUT", "/api/v1/teams/" + team + "/members/nobody-" + run, null), 404, "nobody-" + run);
        assertProblem(send("DELETE", "/api/v1/teams/" + team + "/members/nobody-" + run, null), 404, "nobody-" + run);
        assertProblem(get("/api/v1/teams/ghost-" + run + "/members"), 404, "ghost-" + run);
        assertProblem(get("/api/v1/people/nobody-" + run + "/teams"), 404, "nobody-" + run);
        assertThat(get("/api/v1/people/" + person + "/teams").body().path("teams").isEmpty()).isTrue();
    }
}
