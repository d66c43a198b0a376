package io.ownwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Schedules, overrides, escalation policies and who is on call, over HTTP on the devstack with real
 * tokens: alice (ops-admin), bob (responder in the payments team), erin (responder elsewhere), dave (viewer).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME)
class OnCallApiIT {

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
    private final String ann = "ann-" + run;
    private final String ben = "ben-" + run;
    private final String cat = "cat-" + run;

    record Answer(int status, String contentType, JsonNode body) {
    }

    private Answer send(String person, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + TOKENS.person(person))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json);
    }

    private Answer get(String path) throws IOException, InterruptedException {
        return send("alice", "GET", path, null);
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("trace").isMissingNode()).as("no stack trace").isTrue();
        if (field != null) {
            assertThat(answer.body().path("detail").asString()).contains(field);
            assertThat(answer.body().path("errors").findValuesAsString("field")).contains(field);
        }
    }

    /** Berlin, daily hand-off at 09:00 local, starting two days before the spring-forward change of 2026-03-29. */
    private String berlinSchedule(String id, String team) {
        return """
                {"id":"%s","name":"Payments primary","teamId":"%s","timeZone":"Europe/Berlin",
                 "layers":[{"name":"daily","participants":["%s","%s","%s"],"rotationStart":"2026-03-27T09:00:00","shiftLength":"P1D"}]}"""
                .formatted(id, team, ann, ben, cat);
    }

    @BeforeEach
    void teamsAndPeople() throws Exception {
        for (String person : List.of("bob", "erin", ann, ben, cat)) {
            assertThat(send("alice", "POST", "/api/v1/people", """
                    {"id":"%s","name":"%s","email":"%s@example.com"}""".formatted(person, person, person)).status()).isIn(201, 409);
        }
        for (String team : List.of(payments, identity)) {
            assertThat(send("alice", "POST", "/api/v1/teams", """
                    {"id":"%s","name":"%s"}""".formatted(team, team)).status()).isEqualTo(201);
        }
        assertThat(send("alice", "PUT", "/api/v1/teams/" + payments + "/members/bob", null).status()).isEqualTo(204);
        assertThat(send("alice", "PUT", "/api/v1/teams/" + identity + "/members/erin", null).status()).isEqualTo(204);
    }

    @Test
    void opsAdminCreatesAScheduleAndItAnswersWhoIsOnCallAcrossTheDstChange() throws Exception {
        String id = "primary-" + run;
        Answer created = send("alice", "POST", "/api/v1/schedules", berlinSchedule(id, payments));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(created.body().path("layers").get(0).path("shiftLength").asString()).isEqualTo("P1D");
        assertThat(created.body().path("version").asLong()).isZero();

        JsonNode stored = get("/api/v1/schedules/" + id).body();
        assertThat(stored.path("layers").get(0).path("participants").valueStream().map(JsonNode::asString).toList())
                .containsExactly(ann, ben, cat);
        assertThat(stored.path("layers").get(0).path("rotationStart").asString()).startsWith("2026-03-27T09:00");

        // 09:00 CET on the 28th is 08:00Z; 09:00 CEST on the 29th is 07:00Z: the hand-off stays at nine local.
        assertThat(get("/api/v1/schedules/" + id + "/on-call?at=2026-03-28T08:00:00Z").body().path("personId").asString()).isEqualTo(ben);
        assertThat(get("/api/v1/schedules/" + id + "/on-call?at=2026-03-29T06:59:59Z").body().path("personId").asString()).isEqualTo(ben);
        JsonNode afterChange = get("/api/v1/schedules/" + id + "/on-call?at=2026-03-29T07:00:00Z").body();
        assertThat(afterChange.path("scheduleId").asString()).isEqualTo(id);
        assertThat(afterChange.path("at").asString()).isEqualTo("2026-03-29T07:00:00Z");
        assertThat(afterChange.path("personId").asString()).isEqualTo(cat);
        assertThat(get("/api/v1/schedules/" + id + "/on-call?at=2026-03-01T00:00:00Z").body().path("personId").isNull()).isTrue();

        JsonNode shifts = get("/api/v1/schedules/" + id + "/shifts?from=2026-03-28T08:00:00Z&to=2026-03-30T07:00:00Z").body();
        assertThat(shifts.path("shifts").findValuesAsString("personId")).containsExactly(ben, cat);
        assertThat(shifts.path("shifts").get(0).path("to").asString()).isEqualTo("2026-03-29T07:00:00Z");
        assertThat(shifts.path("gaps").isEmpty()).isTrue();

        Answer override = send("alice", "POST", "/api/v1/schedules/" + id + "/overrides", """
                {"personId":"%s","from":"2026-03-29T06:00:00Z","to":"2026-03-29T10:00:00Z"}""".formatted(ann));
        assertThat(override.status()).as(override.body().toString()).isEqualTo(201);
        assertThat(get("/api/v1/schedules/" + id + "/on-call?at=2026-03-29T07:30:00Z").body().path("personId").asString()).isEqualTo(ann);
        assertThat(get("/api/v1/schedules/" + id + "/on-call?at=2026-03-29T10:00:00Z").body().path("personId").asString()).isEqualTo(cat);

        JsonNode team = get("/api/v1/teams/" + payments + "/on-call?at=2026-03-29T10:00:00Z").body();
        assertThat(team.path("schedules").findValuesAsString("scheduleId")).containsExactly(id);
        assertThat(team.path("schedules").findValuesAsString("personId")).containsExactly(cat);
    }

    @Test
    void newYorkScheduleKeepsItsNineOClockHandOffAfterFallBack() throws Exception {
        String id = "new-york-" + run;
        Answer created = send("alice", "POST", "/api/v1/schedules", """
                {"id":"%s","name":"NY","teamId":"%s","timeZone":"America/New_York",
                 "layers":[{"participants":["%s","%s"],"rotationStart":"2026-10-30T09:00:00","shiftLength":"P1D",
                            "restrictions":[{"days":["SATURDAY","SUNDAY"],"from":"09:00","to":"09:00"}]}]}""".formatted(id, payments, ann, ben));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        // America/New_York falls back on 2026-11-01: 09:00 EDT is 13:00Z on the 31st, 09:00 EST is 14:00Z on the 1st.
        assertThat(get("/api/v1/schedules/" + id + "/on-call?at=2026-10-31T13:00:00Z").body().path("personId").asString()).isEqualTo(ben);
        assertThat(get("/api/v1/schedules/" + id + "/on-call?at=2026-11-01T13:59:59Z").body().path("personId").asString()).isEqualTo(ben);
        assertThat(get("/api/v1/schedules/" + id + "/on-call?at=2026-11-01T14:00:00Z").body().path("personId").asString()).isEqualTo(ann);
        // The weekend window ends Monday 09:00 local: nobody on call during the week.
        assertThat(get("/api/v1/schedules/" + id + "/on-call?at=2026-11-02T14:00:00Z").body().path("personId").isNull()).isTrue();
        JsonNode gaps = get("/api/v1/schedules/" + id + "/shifts?from=2026-10-30T00:00:00Z&to=2026-11-03T00:00:00Z").body().path("gaps");
        assertThat(gaps.findValuesAsString("from")).containsExactly("2026-10-30T00:00:00Z", "2026-11-02T14:00:00Z");
    }

    @Test
    void replacesWithTheCurrentVersionAndRefusesAStaleOne() throws Exception {
        String id = "versioned-" + run;
        assertThat(send("alice", "POST", "/api/v1/schedules", berlinSchedule(id, payments)).status()).isEqualTo(201);
        String changed = berlinSchedule(id, payments).replace("Payments primary", "Renamed")
                .replace("\"shiftLength\":\"P1D\"}]}", "\"shiftLength\":\"P1W\"}],\"version\":%d}");
        Answer replaced = send("alice", "PUT", "/api/v1/schedules/" + id, changed.formatted(0));
        assertThat(replaced.status()).as(replaced.body().toString()).isEqualTo(200);
        assertThat(replaced.body().path("name").asString()).isEqualTo("Renamed");
        assertThat(replaced.body().path("layers").get(0).path("shiftLength").asString()).isEqualTo("P7D");
        assertThat(replaced.body().path("version").asLong()).isEqualTo(1);
        assertProblem(send("alice", "PUT", "/api/v1/schedules/" + id, changed.formatted(0)), 409, null);

        assertThat(send("alice", "DELETE", "/api/v1/schedules/" + id, null).status()).isEqualTo(204);
        assertProblem(get("/api/v1/schedules/" + id), 404, null);
    }

    @Test
    void viewerIsRefusedAndOnlyMembersOfTheOwningTeamMayChangeIt() throws Exception {
        String id = "guarded-" + run;
        assertProblem(send("dave", "POST", "/api/v1/schedules", berlinSchedule(id, payments)), 403, null);
        assertProblem(send("carol", "POST", "/api/v1/schedules", berlinSchedule(id, payments)), 403, null);
        assertProblem(send("erin", "POST", "/api/v1/schedules", berlinSchedule(id, payments)), 403, null);
        assertProblem(get("/api/v1/schedules/" + id), 404, null);

        assertThat(send("bob", "POST", "/api/v1/schedules", berlinSchedule(id, payments)).status()).isEqualTo(201);
        assertThat(send("dave", "GET", "/api/v1/schedules/" + id, null).status()).isEqualTo(200);
        assertThat(send("dave", "GET", "/api/v1/schedules/" + id + "/on-call", null).status()).isEqualTo(200);
        assertProblem(send("dave", "DELETE", "/api/v1/schedules/" + id, null), 403, null);
        assertProblem(send("erin", "DELETE", "/api/v1/schedules/" + id, null), 403, null);
        assertProblem(send("dave", "POST", "/api/v1/schedules/" + id + "/overrides", """
                {"personId":"%s","from":"2026-03-29T06:00:00Z","to":"2026-03-29T10:00:00Z"}""".formatted(ann)), 403, null);
        assertProblem(send("dave", "POST", "/api/v1/escalation-policies", policy("p-" + run, id)), 403, null);
        assertThat(get("/api/v1/schedules/" + id).status()).isEqualTo(200);
    }

    @Test
    void validationProblemsNameTheField() throws Exception {
        String id = "invalid-" + run;
        String valid = berlinSchedule(id, payments);
        assertProblem(send("alice", "POST", "/api/v1/schedules", valid.replace("Europe/Berlin", "Mars/Olympus")), 400, "timeZone");
        assertProblem(send("alice", "POST", "/api/v1/schedules", valid.replace("\"P1D\"", "\"P0D\"")), 400, "layers[0].shiftLength");
        assertProblem(send("alice", "POST", "/api/v1/schedules", valid.replace("\"P1D\"", "\"-PT3H\"")),
                400, "layers[0].shiftLength");
        assertProblem(send("alice", "POST", "/api/v1/schedules",
                valid.replaceAll("\"participants\":\\[[^]]*]", "\"participants\":[]")), 400, "layers[0].participants");
        assertProblem(send("alice", "POST", "/api/v1/schedules", valid.replace(ben, "ghost-" + run)), 422, "layers[0].participants[1]");
        assertProblem(send("alice", "POST", "/api/v1/schedules", valid.replace(payments, "nowhere-" + run)), 422, "teamId");
        assertProblem(get("/api/v1/schedules/" + id), 404, null);

        assertThat(send("alice", "POST", "/api/v1/schedules", valid).status()).isEqualTo(201);
        assertProblem(get("/api/v1/schedules/" + id + "/shifts?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z"), 400, "to");
        assertProblem(send("alice", "POST", "/api/v1/escalation-policies", policy("pol-" + run, "ghost-" + run)), 422,
                "levels[0].targets[0].id");
    }

    private String policy(String id, String schedule) {
        return """
                {"id":"%s","name":"Payments","teamId":"%s","repeat":2,"levels":[
                  {"delayMinutes":30,"targets":[{"type":"SCHEDULE","id":"%s"},{"type":"TEAM_CHANNEL","id":"%s"}]},
                  {"delayMinutes":15,"targets":[{"type":"PERSON","id":"bob"}]}]}""".formatted(id, payments, schedule, payments);
    }

    @Test
    void escalationPolicyResolvesEachLevelToThePeopleItWouldPage() throws Exception {
        String schedule = "primary-" + run;
        String id = "policy-" + run;
        assertThat(send("alice", "POST", "/api/v1/schedules", berlinSchedule(schedule, payments)).status()).isEqualTo(201);
        Answer created = send("bob", "POST", "/api/v1/escalation-policies", policy(id, schedule));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("repeat").asInt()).isEqualTo(2);
        assertThat(created.body().path("levels").get(0).path("targets").findValuesAsString("type"))
                .containsExactly("SCHEDULE", "TEAM_CHANNEL");

        JsonNode onCall = get("/api/v1/escalation-policies/" + id + "/on-call?at=2026-03-29T07:00:00Z").body();
        assertThat(onCall.path("policyId").asString()).isEqualTo(id);
        JsonNode first = onCall.path("levels").get(0);
        assertThat(first.path("delayMinutes").asInt()).isEqualTo(30);
        assertThat(first.path("people").valueStream().map(JsonNode::asString).toList()).containsExactly(cat);
        assertThat(first.path("channels").valueStream().map(JsonNode::asString).toList()).containsExactly(payments);
        assertThat(onCall.path("levels").get(1).path("people").valueStream().map(JsonNode::asString).toList()).containsExactly("bob");
        // An hour earlier is still before 09:00 local: the previous day's person.
        assertThat(get("/api/v1/escalation-policies/" + id + "/on-call?at=2026-03-29T06:00:00Z").body()
                .path("levels").get(0).path("people").get(0).asString()).isEqualTo(ben);

        Answer replaced = send("bob", "PUT", "/api/v1/escalation-policies/" + id,
                policy(id, schedule).replace("\"repeat\":2", "\"repeat\":0,\"version\":0"));
        assertThat(replaced.status()).as(replaced.body().toString()).isEqualTo(200);
        assertThat(replaced.body().path("repeat").asInt()).isZero();
        assertThat(replaced.body().path("version").asLong()).isEqualTo(1);
        assertProblem(send("bob", "PUT", "/api/v1/escalation-policies/" + id,
                policy(id, schedule).replace("\"repeat\":2", "\"repeat\":1,\"version\":0")), 409, null);

        assertProblem(send("alice", "DELETE", "/api/v1/schedules/" + schedule, null), 409, null);
        assertProblem(send("erin", "DELETE", "/api/v1/escalation-policies/" + id, null), 403, null);
        assertThat(send("alice", "DELETE", "/api/v1/escalation-policies/" + id, null).status()).isEqualTo(204);
        assertThat(send("alice", "DELETE", "/api/v1/schedules/" + schedule, null).status()).isEqualTo(204);
    }
}
