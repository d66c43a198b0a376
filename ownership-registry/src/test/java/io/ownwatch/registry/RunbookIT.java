package io.ownwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.events.RunbookStatus;
import io.ownwatch.events.RunbookVersion;
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
 * The runbook catalog over HTTP on a real PostgreSQL and Kafka: the whole review lifecycle, the two-person and
 * team rules, validation that names fields and stores nothing, optimistic locking, the runbooks resolve returns,
 * and runbooks.v1 as a consumer reading it from the beginning sees it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME)
class RunbookIT {

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
    private final String payments = "payments-" + run;
    private final String identity = "identity-" + run;
    private final String checkout = "checkout-" + run;
    private final String login = "login-" + run;

    private static String as(String person) {
        return TOKENS.person(person);
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.text("type")).isEqualTo("https://ownwatch.io/problems/" + type);
    }

    private static Answer expect(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        return answer;
    }

    /** A valid runbook body; {@code extra} replaces or adds top-level fields (JSON without braces). */
    private String runbook(String id, String team, String title, String extra) {
        return """
                {%s%s"title":"%s","description":"Restarts checkout when it hangs",
                 "serviceIds":["%s"],
                 "parameters":[{"name":"deployment","type":"ENUM","required":true,"allowedValues":["checkout","checkout-worker"]}],
                 "steps":[{"name":"Restart","action":"KUBERNETES_ROLLOUT_RESTART","settings":{"namespace":"shop","deployment":"{{deployment}}"}},
                          {"name":"Flush cache","action":"HTTP_REQUEST","settings":{"method":"POST","host":"cache.example.com","path":"/flush"}}],
                 "mode":"NEEDS_APPROVAL","riskClass":"MEDIUM","hostAllowlist":["*.example.com"],
                 "maxRunsPerHour":2,"shadow":true,"gracePeriodSeconds":60,"verificationSeconds":600%s}"""
                .formatted(id == null ? "" : "\"id\":\"" + id + "\",", team == null ? "" : "\"teamId\":\"" + team + "\",",
                        title, checkout, extra == null ? "" : "," + extra);
    }

    private String path(String id, int version) {
        return "/api/v1/runbooks/" + id + "/versions/" + version;
    }

    private JsonNode resolvedRunbooks(String service) throws Exception {
        Answer resolved = expect(api.send(as("alice"), "POST", "/api/v1/resolve", """
                {"labels":{"service":"%s","alertname":"Down-%s"}}""".formatted(service, run)), 200);
        return resolved.body().path("runbooks");
    }

    @BeforeEach
    void teamsPeopleAndServices() throws Exception {
        api = new ApiClient(port);
        for (String person : List.of("bob", "erin")) {
            assertThat(api.send(as("alice"), "POST", "/api/v1/people", """
                    {"id":"%s","name":"%s","email":"%s@example.com"}""".formatted(person, person, person)).status()).isIn(201, 409);
        }
        for (String team : List.of(payments, identity)) {
            expect(api.send(as("alice"), "POST", "/api/v1/teams", """
                    {"id":"%s","name":"Team %s"}""".formatted(team, team)), 201);
        }
        expect(api.send(as("alice"), "PUT", "/api/v1/teams/" + payments + "/members/bob", null), 204);
        expect(api.send(as("alice"), "PUT", "/api/v1/teams/" + identity + "/members/erin", null), 204);
        for (String[] service : List.of(new String[] {checkout, payments}, new String[] {login, identity})) {
            expect(api.send(as("alice"), "POST", "/api/v1/services", """
                    {"id":"%s","name":"%s","teamId":"%s","labelMatchers":[{"label":"service","op":"EQUALS","value":"%s"}]}"""
                    .formatted(service[0], service[0], service[1], service[0])), 201);
        }
    }

    @Test
    void goesFromDraftThroughReviewToApprovalAndRetirementAndPublishesEachApprovalAndRetirement() throws Exception {
        String id = "restart-" + run;
        Answer created = expect(api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Restart checkout", null)), 201);
        assertThat(created.etag()).isEqualTo("\"1.0\"");
        assertThat(created.text("status")).isEqualTo("DRAFT");
        assertThat(created.body().path("content").path("cooldownSeconds").asInt()).as("default guardrail").isEqualTo(600);
        assertThat(created.body().path("content").path("triggerAtLevel").asInt()).as("requested when the incident opens").isEqualTo(1);
        assertThat(resolvedRunbooks(checkout).isEmpty()).as("a draft never applies").isTrue();

        Answer edited = expect(api.ifMatch(as("bob"), "PUT", path(id, 1), runbook(null, null, "Restart checkout pods", null), "\"1.0\""), 200);
        assertThat(edited.etag()).isEqualTo("\"1.1\"");
        Answer submitted = expect(api.ifMatch(as("bob"), "POST", path(id, 1) + "/submit", null, "\"1.1\""), 200);
        assertThat(submitted.text("status")).isEqualTo("IN_REVIEW");
        String firstHash = submitted.text("contentHash");
        assertThat(firstHash).hasSize(64);
        assertProblem(api.ifMatch(as("bob"), "PUT", path(id, 1), runbook(null, null, "Sneaky", null), submitted.etag()), 409, "runbook-state");
        assertThat(resolvedRunbooks(checkout).isEmpty()).as("a version in review never applies").isTrue();

        Answer approved = expect(api.ifMatch(as("alice"), "POST", path(id, 1) + "/approve", null, submitted.etag()), 200);
        assertThat(approved.text("status")).isEqualTo("APPROVED");
        assertThat(approved.text("approvedBy")).isEqualTo("alice");
        JsonNode applicable = resolvedRunbooks(checkout);
        assertThat(applicable).hasSize(1);
        assertThat(applicable.get(0).path("id").asString()).isEqualTo(id);
        assertThat(applicable.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(applicable.get(0).path("contentHash").asString()).isEqualTo(firstHash);
        assertThat(applicable.get(0).path("mode").asString()).isEqualTo("NEEDS_APPROVAL");
        assertThat(applicable.get(0).path("riskClass").asString()).isEqualTo("MEDIUM");
        assertThat(applicable.get(0).path("title").asString()).isEqualTo("Restart checkout pods");
        assertThat(resolvedRunbooks(login).isEmpty()).as("another team's service").isTrue();

        // An approved version is immutable: a change is a new version, and the approved one runs until that is approved.
        assertProblem(api.ifMatch(as("bob"), "PUT", path(id, 1), runbook(null, null, "Changed", null), approved.etag()), 409, "runbook-state");
        Answer second = expect(api.send(as("bob"), "POST", "/api/v1/runbooks/" + id + "/versions",
                runbook(null, null, "Restart checkout pods", "\"riskClass\":\"LOW\"")), 201);
        assertThat(second.body().path("version").asInt()).isEqualTo(2);
        assertThat(second.etag()).isEqualTo("\"2.0\"");
        assertProblem(api.send(as("bob"), "POST", "/api/v1/runbooks/" + id + "/versions", runbook(null, null, "Third", null)),
                409, "runbook-state");
        Answer secondSubmitted = expect(api.ifMatch(as("bob"), "POST", path(id, 2) + "/submit", null, "\"2.0\""), 200);
        assertThat(resolvedRunbooks(checkout).get(0).path("version").asInt()).isEqualTo(1);
        expect(api.ifMatch(as("alice"), "POST", path(id, 2) + "/approve", null, secondSubmitted.etag()), 200);
        String secondHash = secondSubmitted.text("contentHash");
        assertThat(secondHash).isNotEqualTo(firstHash);

        JsonNode runbook = expect(api.send(as("dave"), "GET", "/api/v1/runbooks/" + id, null), 200).body();
        assertThat(runbook.path("approvedVersion").asInt()).isEqualTo(2);
        assertThat(runbook.path("versions").findValuesAsString("status")).containsExactly("RETIRED", "APPROVED");
        assertThat(resolvedRunbooks(checkout).get(0).path("riskClass").asString()).isEqualTo("LOW");

        Answer current = api.send(as("bob"), "GET", path(id, 2), null);
        expect(api.ifMatch(as("bob"), "POST", path(id, 2) + "/retire", null, current.etag()), 200);
        assertThat(resolvedRunbooks(checkout).isEmpty()).as("a retired runbook no longer applies").isTrue();

        try (RunbookTopic topic = new RunbookTopic(TestInfrastructure.get())) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(topic.poll(id)).hasSize(4));
            List<RunbookVersion> events = topic.poll(id);
            assertThat(events).extracting(e -> e.getVersion() + "/" + e.getStatus() + "/" + e.getContentHash())
                    .containsExactly("1/APPROVED/" + firstHash, "1/RETIRED/" + firstHash,
                            "2/APPROVED/" + secondHash, "2/RETIRED/" + secondHash);
            RunbookVersion event = events.get(0);
            assertThat(event.getOwnerTeamId()).isEqualTo(payments);
            assertThat(event.getAuthoredBy()).isEqualTo("bob");
            assertThat(event.getApprovedBy()).isEqualTo("alice");
            assertThat(event.getApprovedAt()).isNotNull();
            assertThat(event.getTitle()).isEqualTo("Restart checkout pods");
            assertThat(event.getServiceIds()).containsExactly(checkout);
            assertThat(event.getHostAllowlist()).containsExactly("*.example.com");
            assertThat(event.getShadow()).isTrue();
            assertThat(event.getGracePeriodSeconds()).isEqualTo(60);
            assertThat(event.getVerificationSeconds()).isEqualTo(600);
            assertThat(event.getTriggerAtLevel()).isEqualTo(1);
            assertThat(event.getMaxRunsPerHour()).isEqualTo(2);
            assertThat(event.getSteps()).hasSize(2);
            assertThat(event.getSteps().get(1).getSettings()).containsEntry("path", "/flush");
            assertThat(event.getParameterSchema()).contains("\"enum\":[\"checkout\",\"checkout-worker\"]");
        }
    }

    @Test
    void keepsTheTriggerLevelThroughTheApiAndPublishesIt() throws Exception {
        String id = "failover-" + run;
        Answer created = expect(api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Fail over checkout",
                "\"triggerAtLevel\":2,\"gracePeriodSeconds\":0")), 201);
        assertThat(created.body().path("content").path("triggerAtLevel").asInt()).isEqualTo(2);
        Answer edited = expect(api.ifMatch(as("bob"), "PUT", path(id, 1), runbook(null, null, "Fail over checkout",
                "\"triggerAtLevel\":3,\"gracePeriodSeconds\":0"), created.etag()), 200);
        assertThat(edited.body().path("content").path("triggerAtLevel").asInt()).isEqualTo(3);
        assertThat(expect(api.send(as("dave"), "GET", path(id, 1), null), 200).body().path("content").path("triggerAtLevel").asInt())
                .isEqualTo(3);
        Answer submitted = expect(api.ifMatch(as("bob"), "POST", path(id, 1) + "/submit", null, edited.etag()), 200);
        expect(api.ifMatch(as("alice"), "POST", path(id, 1) + "/approve", null, submitted.etag()), 200);

        try (RunbookTopic topic = new RunbookTopic(TestInfrastructure.get())) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(topic.poll(id)).hasSize(1));
            RunbookVersion event = topic.poll(id).get(0);
            assertThat(event.getStatus()).isEqualTo(RunbookStatus.APPROVED);
            assertThat(event.getContentHash()).isEqualTo(submitted.text("contentHash"));
            assertThat(event.getTriggerAtLevel()).isEqualTo(3);
            assertThat(event.getGracePeriodSeconds()).isZero();
        }
    }

    @Test
    void aVersionStoredBeforeTriggerLevelsReadsAsLevelOneAndKeepsItsContentHash() throws Exception {
        String id = "before-levels-" + run;
        expect(api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Stored before levels", null)), 201);
        Answer submitted = expect(api.ifMatch(as("bob"), "POST", path(id, 1) + "/submit", null, "\"1.0\""), 200);
        // As a registry from before trigger levels stored it (and as one still running beside a new one writes it).
        assertThat(jdbc.sql("UPDATE runbook_version SET content = content - 'triggerAtLevel' WHERE runbook_id = :id")
                .param("id", id).update()).isEqualTo(1);

        Answer read = expect(api.send(as("dave"), "GET", path(id, 1), null), 200);
        assertThat(read.body().path("content").path("triggerAtLevel").asInt()).isEqualTo(1);
        // Approval recomputes the hash from the stored content: it must still be the one submitted.
        Answer approved = expect(api.ifMatch(as("alice"), "POST", path(id, 1) + "/approve", null, submitted.etag()), 200);
        assertThat(approved.text("contentHash")).isEqualTo(submitted.text("contentHash"));

        try (RunbookTopic topic = new RunbookTopic(TestInfrastructure.get())) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(topic.poll(id)).hasSize(1));
            assertThat(topic.poll(id).get(0).getTriggerAtLevel()).isEqualTo(1);
            assertThat(topic.poll(id).get(0).getContentHash()).isEqualTo(submitted.text("contentHash"));
        }
    }

    @Test
    void refusesATriggerLevelOutOfRangeOrWithAGracePeriodAndStoresNothing() throws Exception {
        String id = "level-" + run;
        for (String level : List.of("0", "11")) {
            Answer refused = api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Bad level",
                    "\"triggerAtLevel\":" + level + ",\"gracePeriodSeconds\":0"));
            assertProblem(refused, 400, "validation");
            assertThat(refused.body().path("errors").findValuesAsString("field")).containsExactly("triggerAtLevel");
        }
        Answer held = api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Held", "\"triggerAtLevel\":2"));
        assertProblem(held, 400, "validation");
        assertThat(held.body().path("errors").findValuesAsString("field")).containsExactly("gracePeriodSeconds");
        assertThat(held.text("detail")).contains("first page");
        assertProblem(api.send(as("bob"), "GET", "/api/v1/runbooks/" + id, null), 404, "not-found");

        // Nor does an edit of a draft that moves a runbook with a grace period to a later level.
        expect(api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Good", null)), 201);
        Answer badEdit = api.ifMatch(as("bob"), "PUT", path(id, 1), runbook(null, null, "Good", "\"triggerAtLevel\":4"), "\"1.0\"");
        assertProblem(badEdit, 400, "validation");
        assertThat(badEdit.body().path("errors").findValuesAsString("field")).containsExactly("gracePeriodSeconds");
        Answer stored = api.send(as("bob"), "GET", path(id, 1), null);
        assertThat(stored.etag()).isEqualTo("\"1.0\"");
        assertThat(stored.body().path("content").path("triggerAtLevel").asInt()).isEqualTo(1);
        assertThat(stored.body().path("content").path("gracePeriodSeconds").asInt()).isEqualTo(60);
    }

    @Test
    void rejectsRunbookApprovedByItsAuthor() throws Exception {
        String id = "own-" + run;
        expect(api.send(as("alice"), "POST", "/api/v1/runbooks", runbook(id, payments, "Own", null)), 201);
        Answer submitted = expect(api.ifMatch(as("alice"), "POST", path(id, 1) + "/submit", null, "\"1.0\""), 200);
        Answer refused = api.ifMatch(as("alice"), "POST", path(id, 1) + "/approve", null, submitted.etag());
        assertProblem(refused, 403, "author-cannot-approve");
        assertThat(refused.text("detail")).contains("another ops-admin");
        assertThat(api.send(as("alice"), "GET", path(id, 1), null).text("status")).isEqualTo("IN_REVIEW");
    }

    @Test
    void onlyOpsAdminsReviewAndOnlyTheOwningTeamAuthors() throws Exception {
        String id = "review-" + run;
        assertProblem(api.send(as("erin"), "POST", "/api/v1/runbooks", runbook(id, payments, "Not my team", null)), 403, "forbidden");
        assertProblem(api.send(as("carol"), "POST", "/api/v1/runbooks", runbook(id, payments, "Support", null)), 403, "forbidden");
        assertProblem(api.send(as("dave"), "POST", "/api/v1/runbooks", runbook(id, payments, "Viewer", null)), 403, "forbidden");
        expect(api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Review me", null)), 201);
        assertProblem(api.ifMatch(as("erin"), "PUT", path(id, 1), runbook(null, null, "Taken", null), "\"1.0\""), 403, "forbidden");
        assertProblem(api.ifMatch(as("erin"), "POST", path(id, 1) + "/submit", null, "\"1.0\""), 403, "forbidden");
        Answer submitted = expect(api.ifMatch(as("bob"), "POST", path(id, 1) + "/submit", null, "\"1.0\""), 200);

        for (String person : List.of("bob", "erin", "carol", "dave")) {
            assertProblem(api.ifMatch(as(person), "POST", path(id, 1) + "/approve", null, submitted.etag()), 403, "forbidden");
        }
        assertProblem(api.ifMatch(as("bob"), "POST", path(id, 1) + "/request-changes", null, submitted.etag()), 403, "forbidden");
        assertThat(api.send(as("bob"), "GET", path(id, 1), null).text("status")).isEqualTo("IN_REVIEW");

        Answer back = expect(api.ifMatch(as("alice"), "POST", path(id, 1) + "/request-changes", null, submitted.etag()), 200);
        assertThat(back.text("status")).isEqualTo("DRAFT");
        expect(api.ifMatch(as("bob"), "PUT", path(id, 1), runbook(null, null, "Reviewed", null), back.etag()), 200);
    }

    @Test
    void namesTheOffendingFieldsAndStoresNothing() throws Exception {
        String id = "bad-" + run;
        Answer badPath = api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Bad", """
                "steps":[{"name":"Restart","action":"KUBERNETES_ROLLOUT_RESTART","settings":{"namespace":"shop","deployment":"checkout"}},
                         {"name":"Flush","action":"HTTP_REQUEST","settings":{"method":"TRACE","host":"cache.evil.test","path":"flush"}}]"""));
        assertProblem(badPath, 400, "validation");
        assertThat(badPath.body().path("errors").findValuesAsString("field")).containsExactly(
                "steps[1].settings.host", "steps[1].settings.method", "steps[1].settings.path");
        assertThat(badPath.text("detail")).startsWith("'steps[1].settings.host'");

        Answer undeclared = api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Bad", """
                "steps":[{"name":"Restart","action":"KUBERNETES_ROLLOUT_RESTART","settings":{"namespace":"{{ns}}","deployment":"checkout"}}]"""));
        assertProblem(undeclared, 400, "validation");
        assertThat(undeclared.body().path("errors").findValuesAsString("field")).containsExactly("steps[0].settings.namespace");

        Answer shape = api.send(as("bob"), "POST", "/api/v1/runbooks", runbook("Not A Slug", payments, " ", """
                "mode":null,"maxTargets":0,"alertMatchers":[{"label":"job","op":"REGEX","value":"("}],
                "parameters":[{"name":"size","type":"INT","min":5,"max":1}]"""));
        assertProblem(shape, 400, "validation");
        assertThat(shape.body().path("errors").findValuesAsString("field")).contains("id", "title", "mode", "maxTargets",
                "alertMatchers[0].value", "parameters[0].max", "steps[0].settings.deployment");

        assertProblem(api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Bad", """
                "steps":[{"name":"Run","action":"SHELL","settings":{}}]""")), 400, "malformed-request");
        Answer unknownService = api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Bad",
                "\"serviceIds\":[\"" + checkout + "\",\"ghost-" + run + "\"]"));
        assertProblem(unknownService, 422, "unknown-reference");
        assertThat(unknownService.body().path("errors").findValuesAsString("field")).containsExactly("serviceIds[1]");
        assertProblem(api.send(as("alice"), "POST", "/api/v1/runbooks", runbook(id, "ghost-" + run, "Bad", null)), 422, "unknown-reference");

        assertProblem(api.send(as("bob"), "GET", "/api/v1/runbooks/" + id, null), 404, "not-found");

        // An invalid edit of a draft changes nothing either.
        expect(api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Good", null)), 201);
        Answer badEdit = api.ifMatch(as("bob"), "PUT", path(id, 1), runbook(null, null, "Good", "\"timeoutSeconds\":0"), "\"1.0\"");
        assertProblem(badEdit, 400, "validation");
        assertThat(badEdit.body().path("errors").findValuesAsString("field")).containsExactly("timeoutSeconds");
        Answer stored = api.send(as("bob"), "GET", path(id, 1), null);
        assertThat(stored.etag()).isEqualTo("\"1.0\"");
        assertThat(stored.body().path("content").path("timeoutSeconds").asInt()).isEqualTo(300);
    }

    @Test
    void refusesChangesFromAStaleOrMissingETag() throws Exception {
        String id = "stale-" + run;
        expect(api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Stale", null)), 201);
        assertProblem(api.send(as("bob"), "PUT", path(id, 1), runbook(null, null, "No tag", null)), 428, "precondition-required");
        expect(api.ifMatch(as("bob"), "PUT", path(id, 1), runbook(null, null, "First", null), "\"1.0\""), 200);
        Answer lost = api.ifMatch(as("bob"), "PUT", path(id, 1), runbook(null, null, "Lost update", null), "\"1.0\"");
        assertProblem(lost, 412, "stale-version");
        assertThat(lost.text("detail")).contains("\"1.1\"");
        assertProblem(api.ifMatch(as("bob"), "POST", path(id, 1) + "/submit", null, "\"1.0\""), 412, "stale-version");
        Answer submitted = expect(api.ifMatch(as("bob"), "POST", path(id, 1) + "/submit", null, "W/\"1.1\""), 200);
        assertProblem(api.ifMatch(as("alice"), "POST", path(id, 1) + "/approve", null, "\"1.1\""), 412, "stale-version");
        assertProblem(api.send(as("alice"), "POST", path(id, 1) + "/approve", null), 428, "precondition-required");
        assertThat(api.send(as("bob"), "GET", path(id, 1), null).etag()).isEqualTo(submitted.etag());
        assertThat(api.send(as("bob"), "GET", path(id, 1), null).body().path("content").path("title").asString()).isEqualTo("First");
    }

    @Test
    void appliesByAlertMatchersOnlyToServicesOfItsOwnTeam() throws Exception {
        String id = "matchers-" + run;
        expect(api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "By alert", """
                "serviceIds":[],"alertMatchers":[{"label":"alertname","op":"REGEX","value":"Down-.*"}]""")), 201);
        Answer submitted = expect(api.ifMatch(as("bob"), "POST", path(id, 1) + "/submit", null, "\"1.0\""), 200);
        expect(api.ifMatch(as("alice"), "POST", path(id, 1) + "/approve", null, submitted.etag()), 200);
        assertThat(resolvedRunbooks(checkout).findValuesAsString("id")).containsExactly(id);
        assertThat(resolvedRunbooks(login).isEmpty()).as("login belongs to identity").isTrue();
    }

    @Test
    void deletesOnlyRunbooksThatNeverLeftDraftAndListsByTeamAndStatus() throws Exception {
        String draft = "draft-" + run;
        String live = "live-" + run;
        expect(api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(draft, payments, "Draft", null)), 201);
        expect(api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(live, payments, "Live", null)), 201);
        Answer submitted = expect(api.ifMatch(as("bob"), "POST", path(live, 1) + "/submit", null, "\"1.0\""), 200);
        Answer approved = expect(api.ifMatch(as("alice"), "POST", path(live, 1) + "/approve", null, submitted.etag()), 200);

        JsonNode all = expect(api.send(as("dave"), "GET", "/api/v1/runbooks?team=" + payments, null), 200).body();
        assertThat(all.path("total").asLong()).isEqualTo(2);
        assertThat(all.path("items").findValuesAsString("id")).containsExactly(draft, live);
        JsonNode approvedOnly = api.send(as("dave"), "GET", "/api/v1/runbooks?team=" + payments + "&status=APPROVED&size=1", null).body();
        assertThat(approvedOnly.path("items").findValuesAsString("id")).containsExactly(live);
        assertThat(approvedOnly.path("items").get(0).path("approvedVersion").asInt()).isEqualTo(1);
        assertProblem(api.send(as("dave"), "GET", "/api/v1/runbooks?status=GONE", null), 400, "validation");

        assertProblem(api.ifMatch(as("bob"), "DELETE", "/api/v1/runbooks/" + live, null, approved.etag()), 409, "runbook-state");
        assertProblem(api.ifMatch(as("erin"), "DELETE", "/api/v1/runbooks/" + draft, null, "\"1.0\""), 403, "forbidden");
        assertProblem(api.send(as("bob"), "DELETE", "/api/v1/runbooks/" + draft, null), 428, "precondition-required");
        expect(api.ifMatch(as("bob"), "DELETE", "/api/v1/runbooks/" + draft, null, "\"1.0\""), 204);
        assertProblem(api.send(as("bob"), "GET", "/api/v1/runbooks/" + draft, null), 404, "not-found");

        try (RunbookTopic topic = new RunbookTopic(TestInfrastructure.get())) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(topic.poll(live)).hasSize(1));
            assertThat(topic.poll(draft)).as("a runbook that never left draft publishes nothing").isEmpty();
        }
    }

    @Test
    void republishesEveryPublishedRunbookForOpsAdminsOnly() throws Exception {
        String id = "again-" + run;
        expect(api.send(as("bob"), "POST", "/api/v1/runbooks", runbook(id, payments, "Again", null)), 201);
        Answer submitted = expect(api.ifMatch(as("bob"), "POST", path(id, 1) + "/submit", null, "\"1.0\""), 200);
        expect(api.ifMatch(as("alice"), "POST", path(id, 1) + "/approve", null, submitted.etag()), 200);
        assertProblem(api.send(as("bob"), "POST", "/api/v1/admin/republish-runbooks", null), 403, "forbidden");

        try (RunbookTopic topic = new RunbookTopic(TestInfrastructure.get())) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(topic.poll(id)).hasSize(1));
            Answer accepted = expect(api.send(as("alice"), "POST", "/api/v1/admin/republish-runbooks", null), 202);
            assertThat(accepted.body().path("enqueued").asInt()).isGreaterThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(topic.poll(id)).hasSize(2));
            RunbookVersion again = topic.poll(id).get(1);
            assertThat(again.getStatus()).isEqualTo(RunbookStatus.APPROVED);
            assertThat(again.getContentHash()).isEqualTo(submitted.text("contentHash"));
        }
    }

    @Test
    void documentsTheRunbookApiInOpenApi() throws Exception {
        JsonNode paths = expect(api.send(as("dave"), "GET", "/v3/api-docs", null), 200).body().path("paths");
        assertThat(paths.has("/api/v1/runbooks")).isTrue();
        assertThat(paths.path("/api/v1/runbooks/{id}/versions/{version}/approve").path("post").path("summary").asString())
                .isEqualTo("Approve a version in review");
        assertThat(paths.has("/api/v1/admin/republish-runbooks")).isTrue();
    }
}
