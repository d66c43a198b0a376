package io.ownwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.registry.ApiClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Changing and deleting people and teams over HTTP on a real PostgreSQL: ETag/If-Match, deletions refused
 * while something still names them, contact data validated, and who may change whom.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME)
class PeopleAndTeamsChangeIT {

    private static final Tokens TOKENS = TestInfrastructure.tokens();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("registry").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private static String as(String person) {
        return TOKENS.person(person);
    }

    private Answer admin(String method, String path, String body) throws Exception {
        return api.send(as("alice"), method, path, body);
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("trace").isMissingNode()).as("no stack trace").isTrue();
        if (type != null) {
            assertThat(answer.text("type")).isEqualTo("https://ownwatch.io/problems/" + type);
        }
    }

    private static void assertInvalidField(Answer answer, String field) {
        assertProblem(answer, 400, "validation");
        assertThat(answer.body().path("errors").findValuesAsString("field")).containsExactly(field);
        assertThat(answer.text("detail")).contains(field);
    }

    private String person(String name) throws Exception {
        String id = name + "-" + run;
        assertThat(admin("POST", "/api/v1/people", """
                {"id":"%s","name":"%s","email":"%s@example.com"}""".formatted(id, name, name)).status()).isEqualTo(201);
        return id;
    }

    private String team(String name) throws Exception {
        String id = name + "-" + run;
        assertThat(admin("POST", "/api/v1/teams", """
                {"id":"%s","name":"%s"}""".formatted(id, name)).status()).isEqualTo(201);
        return id;
    }

    @Test
    void changesAndDeletesAPersonOnlyWithTheCurrentETag() throws Exception {
        String id = person("pat");
        String path = "/api/v1/people/" + id;
        assertThat(api.send(as("dave"), "GET", path, null).etag()).isEqualTo("\"0\"");
        String contacts = """
                {"name":"Pat","email":"pat@example.com","slack":"U024BE7LH",
                 "slackWebhook":"https://hooks.slack.com/services/T000/B000/XXXX","phone":"+4915112345678"}""";

        assertProblem(admin("PUT", path, contacts), 428, "precondition-required");
        Answer changed = api.ifMatch(as("alice"), "PUT", path, contacts, "\"0\"");
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        assertThat(changed.etag()).isEqualTo("\"1\"");
        JsonNode stored = admin("GET", path, null).body();
        assertThat(stored.path("phone").asString()).isEqualTo("+4915112345678");
        assertThat(stored.path("slackWebhook").asString()).isEqualTo("https://hooks.slack.com/services/T000/B000/XXXX");
        assertThat(stored.path("version").asLong()).isEqualTo(1);

        Answer lost = api.ifMatch(as("alice"), "PUT", path, """
                {"name":"Lost update","email":"pat@example.com"}""", "\"0\"");
        assertProblem(lost, 412, "stale-version");
        assertThat(lost.text("detail")).contains("version 1");
        assertThat(admin("GET", path, null).text("name")).isEqualTo("Pat");

        assertProblem(admin("DELETE", path, null), 428, "precondition-required");
        assertProblem(api.ifMatch(as("alice"), "DELETE", path, null, "\"0\""), 412, "stale-version");
        assertThat(api.ifMatch(as("alice"), "DELETE", path, null, "\"1\"").status()).isEqualTo(204);
        assertProblem(admin("GET", path, null), 404, "not-found");
        assertProblem(api.ifMatch(as("alice"), "PUT", path, contacts, "\"1\""), 404, "not-found");
    }

    @Test
    void changesATeamsChannelsAndDeletesItWithItsMemberships() throws Exception {
        String member = person("mia");
        String id = "ops-" + run;
        Answer created = admin("POST", "/api/v1/teams", """
                {"id":"%s","name":"Ops","channels":[{"type":"SLACK_WEBHOOK","address":"https://hooks.slack.com/services/T1/B1/Y"},
                 {"type":"EMAIL","address":"ops@example.com"}]}""".formatted(id));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.etag()).isEqualTo("\"0\"");
        assertThat(admin("PUT", "/api/v1/teams/" + id + "/members/" + member, null).status()).isEqualTo(204);
        String path = "/api/v1/teams/" + id;
        assertThat(admin("GET", path, null).body().path("channels").findValuesAsString("type")).containsExactly("SLACK_WEBHOOK", "EMAIL");

        Answer replaced = api.ifMatch(as("alice"), "PUT", path, """
                {"name":"Operations","channels":[{"type":"WEBHOOK","address":"https://chat.example.com/hooks/ops"}]}""", "\"0\"");
        assertThat(replaced.status()).as(replaced.body().toString()).isEqualTo(200);
        assertThat(replaced.etag()).isEqualTo("\"1\"");
        JsonNode stored = admin("GET", path, null).body();
        assertThat(stored.path("name").asString()).isEqualTo("Operations");
        assertThat(stored.path("channels").findValuesAsString("address")).containsExactly("https://chat.example.com/hooks/ops");
        assertThat(admin("GET", "/api/v1/teams?size=500", null).body().path("items").findValuesAsString("id")).contains(id);

        assertProblem(api.ifMatch(as("alice"), "PUT", path, """
                {"name":"Lost"}""", "\"0\""), 412, "stale-version");
        assertProblem(admin("DELETE", path, null), 428, "precondition-required");
        assertThat(api.ifMatch(as("alice"), "DELETE", path, null, "\"1\"").status()).isEqualTo(204);
        assertProblem(admin("GET", path, null), 404, "not-found");
        assertThat(admin("GET", "/api/v1/people/" + member + "/teams", null).body().path("teams").isEmpty()).isTrue();
    }

    @Test
    void refusesBadContactDataNamingTheFieldAndChangesNothing() throws Exception {
        Answer badPhone = admin("POST", "/api/v1/people", """
                {"id":"phone-%s","name":"Phone","email":"phone@example.com","phone":"0151 1234567"}""".formatted(run));
        assertInvalidField(badPhone, "phone");
        assertProblem(admin("GET", "/api/v1/people/phone-" + run, null), 404, "not-found");

        String id = person("kim");
        String path = "/api/v1/people/" + id;
        assertInvalidField(api.ifMatch(as("alice"), "PUT", path, """
                {"name":"Kim","email":"kim@example.com","slackWebhook":"http://hooks.slack.com/services/T/B/X"}""", "\"0\""),
                "slackWebhook");
        assertInvalidField(api.ifMatch(as("alice"), "PUT", path, """
                {"name":"Kim","email":"kim@example.com","phone":"+049 151"}""", "\"0\""), "phone");
        JsonNode unchanged = admin("GET", path, null).body();
        assertThat(unchanged.path("version").asLong()).isZero();
        assertThat(unchanged.path("phone").isNull()).isTrue();
        assertThat(unchanged.path("slackWebhook").isNull()).isTrue();

        assertInvalidField(admin("POST", "/api/v1/teams", """
                {"id":"mail-%s","name":"Mail","channels":[{"type":"EMAIL","address":"https://not-a-mailbox.example.com"}]}""".formatted(run)),
                "channels[0].address");
        assertInvalidField(admin("POST", "/api/v1/teams", """
                {"id":"hook-%s","name":"Hook","channels":[{"type":"EMAIL","address":"ok@example.com"},
                 {"type":"WEBHOOK","address":"http://plain.example.com/hook"}]}""".formatted(run)),
                "channels[1].address");
        assertProblem(admin("POST", "/api/v1/teams", """
                {"id":"fax-%s","name":"Fax","channels":[{"type":"FAX","address":"+4930123456"}]}""".formatted(run)), 400, null);
        for (String absent : List.of("mail-", "hook-", "fax-")) {
            assertProblem(admin("GET", "/api/v1/teams/" + absent + run, null), 404, "not-found");
        }
    }

    @Test
    void aPersonChangesTheirOwnContactDataButNobodyElses() throws Exception {
        for (String person : List.of("bob", "erin")) {
            assertThat(admin("POST", "/api/v1/people", """
                    {"id":"%s","name":"%s","email":"%s@example.com"}""".formatted(person, person, person)).status()).isIn(201, 409);
        }
        String bobEtag = api.send(as("bob"), "GET", "/api/v1/people/bob", null).etag();
        Answer own = api.ifMatch(as("bob"), "PUT", "/api/v1/people/bob", """
                {"name":"bob","email":"bob@example.com","phone":"+15551234567"}""", bobEtag);
        assertThat(own.status()).as(own.body().toString()).isEqualTo(200);
        assertThat(api.send(as("dave"), "GET", "/api/v1/people/bob", null).text("phone")).isEqualTo("+15551234567");

        String erinEtag = admin("GET", "/api/v1/people/erin", null).etag();
        String takeover = """
                {"name":"erin","email":"bob@example.com","phone":"+15551234567"}""";
        assertProblem(api.ifMatch(as("bob"), "PUT", "/api/v1/people/erin", takeover, erinEtag), 403, null);
        assertProblem(api.ifMatch(as("dave"), "PUT", "/api/v1/people/erin", takeover, erinEtag), 403, null);
        assertThat(admin("GET", "/api/v1/people/erin", null).text("email")).isEqualTo("erin@example.com");
        assertThat(admin("GET", "/api/v1/people/erin", null).etag()).isEqualTo(erinEtag);

        // Deleting people and changing teams stay with ops-admins, even for oneself.
        String ownEtag = admin("GET", "/api/v1/people/bob", null).etag();
        assertProblem(api.ifMatch(as("bob"), "DELETE", "/api/v1/people/bob", null, ownEtag), 403, null);
        String team = team("crew");
        assertProblem(api.ifMatch(as("bob"), "PUT", "/api/v1/teams/" + team, """
                {"name":"Hijacked"}""", "\"0\""), 403, null);
        assertProblem(api.ifMatch(as("bob"), "DELETE", "/api/v1/teams/" + team, null, "\"0\""), 403, null);
        assertThat(admin("GET", "/api/v1/teams/" + team, null).text("name")).isEqualTo("crew");
    }

    @Test
    void refusesToDeleteWhatIsStillReferencedAndNamesTheReferences() throws Exception {
        String owner = team("owners");
        String pager = person("pager");
        String schedule = "rota-" + run;
        String policy = "chain-" + run;
        String service = "shop-" + run;
        assertThat(admin("POST", "/api/v1/schedules", """
                {"id":"%s","name":"Rota","teamId":"%s","timeZone":"UTC",
                 "layers":[{"participants":["%s"],"rotationStart":"2020-01-06T00:00:00","shiftLength":"P1D"}]}"""
                .formatted(schedule, owner, pager)).status()).isEqualTo(201);
        assertThat(admin("POST", "/api/v1/escalation-policies", """
                {"id":"%s","name":"Chain","teamId":"%s","repeat":0,
                 "levels":[{"delayMinutes":5,"targets":[{"type":"SCHEDULE","id":"%s"},{"type":"PERSON","id":"%s"}]}]}"""
                .formatted(policy, owner, schedule, pager)).status()).isEqualTo(201);
        Answer unknownPolicy = admin("POST", "/api/v1/services", """
                {"id":"%s","name":"Shop","teamId":"%s","escalationPolicyId":"nope-%s","labelMatchers":[{"label":"service","op":"EQUALS","value":"%s"}]}"""
                .formatted(service, owner, run, service));
        assertProblem(unknownPolicy, 422, "unknown-reference");
        assertThat(unknownPolicy.body().path("errors").findValuesAsString("field")).containsExactly("escalationPolicyId");
        assertProblem(admin("GET", "/api/v1/services/" + service, null), 404, "not-found");
        assertThat(admin("POST", "/api/v1/services", """
                {"id":"%s","name":"Shop","teamId":"%s","escalationPolicyId":"%s","labelMatchers":[{"label":"service","op":"EQUALS","value":"%s"}]}"""
                .formatted(service, owner, policy, service)).status()).isEqualTo(201);

        Answer personInUse = api.ifMatch(as("alice"), "DELETE", "/api/v1/people/" + pager, null, "\"0\"");
        assertProblem(personInUse, 409, "in-use");
        assertThat(references(personInUse)).containsExactly("schedule:" + schedule, "escalation-policy:" + policy);
        Answer teamInUse = api.ifMatch(as("alice"), "DELETE", "/api/v1/teams/" + owner, null, "\"0\"");
        assertProblem(teamInUse, 409, "in-use");
        assertThat(references(teamInUse)).containsExactly("escalation-policy:" + policy, "schedule:" + schedule, "service:" + service);
        assertThat(teamInUse.text("detail")).contains(service, schedule, policy);
        Answer policyInUse = admin("DELETE", "/api/v1/escalation-policies/" + policy, null);
        assertProblem(policyInUse, 409, "in-use");
        assertThat(references(policyInUse)).containsExactly("service:" + service);
        assertThat(admin("GET", "/api/v1/people/" + pager, null).status()).isEqualTo(200);
        assertThat(admin("GET", "/api/v1/teams/" + owner, null).status()).isEqualTo(200);
        assertThat(admin("GET", "/api/v1/escalation-policies/" + policy, null).status()).isEqualTo(200);

        // Once nothing names them any more, they go.
        assertThat(api.ifMatch(as("alice"), "DELETE", "/api/v1/services/" + service, null, "\"0\"").status()).isEqualTo(204);
        assertThat(admin("DELETE", "/api/v1/escalation-policies/" + policy, null).status()).isEqualTo(204);
        assertThat(admin("DELETE", "/api/v1/schedules/" + schedule, null).status()).isEqualTo(204);
        assertThat(api.ifMatch(as("alice"), "DELETE", "/api/v1/people/" + pager, null, "\"0\"").status()).isEqualTo(204);
        assertThat(api.ifMatch(as("alice"), "DELETE", "/api/v1/teams/" + owner, null, "\"0\"").status()).isEqualTo(204);
    }

    /** A table this repository does not list (as another feature's, such as runbooks, would be) still names the team. */
    @Test
    void refusesToDeleteATeamThatAnotherFeaturesTableStillNames() throws Exception {
        String owner = team("badged");
        jdbc.sql("CREATE TABLE IF NOT EXISTS test_team_badge (team_id text NOT NULL REFERENCES team (id))").update();
        jdbc.sql("INSERT INTO test_team_badge (team_id) VALUES (:team)").param("team", owner).update();

        Answer refused = api.ifMatch(as("alice"), "DELETE", "/api/v1/teams/" + owner, null, "\"0\"");
        assertProblem(refused, 409, "in-use");
        assertThat(refused.body().path("referencedBy").findValuesAsString("type")).containsExactly("test_team_badge");
        assertThat(refused.text("detail")).contains(owner, "test_team_badge");
        assertThat(admin("GET", "/api/v1/teams/" + owner, null).status()).isEqualTo(200);
    }

    private static List<String> references(Answer answer) {
        return answer.body().path("referencedBy").valueStream()
                .map(r -> r.path("type").asString() + ":" + r.path("id").asString())
                .toList();
    }
}
