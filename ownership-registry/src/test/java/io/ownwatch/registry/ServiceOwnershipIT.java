package io.ownwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.events.ServiceOwnership;
import io.ownwatch.registry.ApiClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Complete service ownership over HTTP on a real PostgreSQL and Kafka: replace and delete with
 * ETag/If-Match, who may change a service, ties refused when saved, Kubernetes resolution, and the
 * compacted ownership.v1 that a new consumer rebuilds the registry's state from.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME)
class ServiceOwnershipIT {

    private static final Tokens TOKENS = TestInfrastructure.tokens();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("registry").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    private ApiClient api;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String payments = "payments-" + run;
    private final String identity = "identity-" + run;
    private final String paymentsPolicy = "payments-default-" + run;

    private static String as(String person) {
        return TOKENS.person(person);
    }

    private static String serviceJson(String id, String name, String team, String matchers, String extra) {
        return """
                {%s"name":"%s","teamId":"%s","labelMatchers":%s%s}""".formatted(
                id == null ? "" : "\"id\":\"" + id + "\",", name, team, matchers, extra == null ? "" : "," + extra);
    }

    private static String byService(String value) {
        return """
                [{"label":"service","op":"EQUALS","value":"%s"}]""".formatted(value);
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
        assertThat(answer.text("type")).isEqualTo("https://ownwatch.io/problems/" + type);
    }

    @BeforeEach
    void teamsAndPeople() throws Exception {
        api = new ApiClient(port);
        for (String person : List.of("bob", "erin")) {
            assertThat(api.send(as("alice"), "POST", "/api/v1/people", """
                    {"id":"%s","name":"%s","email":"%s@example.com"}""".formatted(person, person, person)).status()).isIn(201, 409);
        }
        for (String team : List.of(payments, identity)) {
            assertThat(api.send(as("alice"), "POST", "/api/v1/teams", """
                    {"id":"%s","name":"Team %s"}""".formatted(team, team)).status()).isEqualTo(201);
        }
        assertThat(api.send(as("alice"), "PUT", "/api/v1/teams/" + payments + "/members/bob", null).status()).isEqualTo(204);
        assertThat(api.send(as("alice"), "PUT", "/api/v1/teams/" + identity + "/members/erin", null).status()).isEqualTo(204);
        // Services may only name a policy that exists (a foreign key since V6).
        assertThat(api.send(as("alice"), "POST", "/api/v1/escalation-policies", """
                {"id":"%s","name":"Payments default","teamId":"%s","repeat":0,
                 "levels":[{"delayMinutes":5,"targets":[{"type":"PERSON","id":"bob"}]}]}""".formatted(paymentsPolicy, payments))
                .status()).isEqualTo(201);
    }

    @Test
    void replacesAndDeletesOnlyWithTheCurrentETag() throws Exception {
        String id = "checkout-" + run;
        String path = "/api/v1/services/" + id;
        Answer created = api.send(as("alice"), "POST", "/api/v1/services", serviceJson(id, "Checkout", payments, byService(id),
                "\"secondaryTeamIds\":[\"%s\"],\"escalationPolicyId\":\"%s\"".formatted(identity, paymentsPolicy)));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.etag()).isEqualTo("\"0\"");
        assertThat(created.body().path("version").asLong()).isZero();
        Answer read = api.send(as("dave"), "GET", path, null);
        assertThat(read.etag()).isEqualTo("\"0\"");
        assertThat(read.body().path("secondaryTeamIds").get(0).asString()).isEqualTo(identity);
        assertThat(read.text("escalationPolicyId")).isEqualTo(paymentsPolicy);

        String replacement = serviceJson(null, "Checkout v2", payments, byService(id), "\"tier\":\"tier-1\"");
        assertProblem(api.send(as("alice"), "PUT", path, replacement), 428, "precondition-required");
        Answer replaced = api.ifMatch(as("alice"), "PUT", path, replacement, "\"0\"");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.etag()).isEqualTo("\"1\"");
        assertThat(replaced.body().path("version").asLong()).isEqualTo(1);
        JsonNode stored = api.send(as("alice"), "GET", path, null).body();
        assertThat(stored.path("name").asString()).isEqualTo("Checkout v2");
        assertThat(stored.path("tier").asString()).isEqualTo("tier-1");
        assertThat(stored.path("secondaryTeamIds").isEmpty()).as("a full replace clears what it omits").isTrue();
        assertThat(stored.path("escalationPolicyId").isNull()).isTrue();

        Answer stale = api.ifMatch(as("alice"), "PUT", path, serviceJson(null, "Lost update", payments, byService(id), null), "\"0\"");
        assertProblem(stale, 412, "stale-version");
        assertThat(stale.text("detail")).contains("version 1");
        assertThat(api.send(as("alice"), "GET", path, null).body().path("name").asString()).isEqualTo("Checkout v2");

        assertProblem(api.send(as("alice"), "DELETE", path, null), 428, "precondition-required");
        assertProblem(api.ifMatch(as("alice"), "DELETE", path, null, "\"0\""), 412, "stale-version");
        assertThat(api.ifMatch(as("alice"), "DELETE", path, null, "\"1\"").status()).isEqualTo(204);
        assertProblem(api.send(as("alice"), "GET", path, null), 404, "not-found");
        assertProblem(api.ifMatch(as("alice"), "DELETE", path, null, "\"1\""), 404, "not-found");
    }

    @Test
    void refusesAnUnknownSecondaryTeamNamingTheField() throws Exception {
        String id = "second-" + run;
        Answer answer = api.send(as("alice"), "POST", "/api/v1/services", serviceJson(id, "Second", payments, byService(id),
                "\"secondaryTeamIds\":[\"ghost-%s\"]".formatted(run)));
        assertProblem(answer, 422, "unknown-team");
        assertThat(answer.body().path("errors").findValuesAsString("field")).containsExactly("secondaryTeamIds[0]");
        assertProblem(api.send(as("alice"), "GET", "/api/v1/services/" + id, null), 404, "not-found");
    }

    @Test
    void aResponderChangesOnlyServicesOfTheirOwnTeam() throws Exception {
        String id = "pay-" + run;
        String path = "/api/v1/services/" + id;
        assertThat(api.send(as("bob"), "POST", "/api/v1/services", serviceJson(id, "Pay", payments, byService(id), null)).status())
                .isEqualTo(201);

        assertProblem(api.ifMatch(as("erin"), "PUT", path, serviceJson(null, "Taken", payments, byService(id), null), "\"0\""),
                403, "forbidden");
        assertProblem(api.ifMatch(as("erin"), "DELETE", path, null, "\"0\""), 403, "forbidden");
        assertProblem(api.ifMatch(as("carol"), "PUT", path, serviceJson(null, "Support", payments, byService(id), null), "\"0\""),
                403, "forbidden");

        Answer updated = api.ifMatch(as("bob"), "PUT", path, serviceJson(null, "Pay v2", payments, byService(id), null), "\"0\"");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.text("name")).isEqualTo("Pay v2");

        // Handing the service to a team bob is not in needs membership of that team too.
        assertProblem(api.ifMatch(as("bob"), "PUT", path, serviceJson(null, "Pay", identity, byService(id), null), "\"1\""),
                403, "forbidden");
        assertThat(api.ifMatch(as("alice"), "PUT", path, serviceJson(null, "Pay", identity, byService(id), null), "\"1\"").status())
                .isEqualTo(200);
        assertThat(api.send(as("bob"), "GET", path, null).text("teamId")).isEqualTo(identity);
        assertThat(api.ifMatch(as("erin"), "DELETE", path, null, "\"2\"").status()).isEqualTo(204);
    }

    @Test
    void refusesASelectorThatCouldTieNamingTheOtherService() throws Exception {
        String first = "tie-a-" + run;
        assertThat(api.send(as("alice"), "POST", "/api/v1/services", serviceJson(first, "Tie A", payments, """
                [{"label":"service","op":"REGEX","value":"tie-%s-.*"}]""".formatted(run), null)).status()).isEqualTo(201);

        String second = "tie-b-" + run;
        Answer refused = api.send(as("alice"), "POST", "/api/v1/services",
                serviceJson(second, "Tie B", identity, byService("tie-" + run + "-x"), null));
        assertProblem(refused, 409, "selector-tie");
        assertThat(refused.text("detail")).contains(first);
        assertThat(refused.text("conflictingServiceId")).isEqualTo(first);
        assertProblem(api.send(as("alice"), "GET", "/api/v1/services/" + second, null), 404, "not-found");

        // One more matcher makes the second service more specific: accepted, and it wins where both match.
        assertThat(api.send(as("alice"), "POST", "/api/v1/services", serviceJson(second, "Tie B", identity, """
                [{"label":"service","op":"EQUALS","value":"tie-%s-x"},{"label":"env","op":"EQUALS","value":"prod"}]"""
                .formatted(run), null)).status()).isEqualTo(201);
        assertThat(api.send(as("alice"), "POST", "/api/v1/resolve", """
                {"labels":{"service":"tie-%s-x","env":"prod"}}""".formatted(run)).text("serviceId")).isEqualTo(second);

        // An update that would create a tie is refused the same way and changes nothing.
        String third = "tie-c-" + run;
        assertThat(api.send(as("alice"), "POST", "/api/v1/services",
                serviceJson(third, "Tie C", payments, byService(third), null)).status()).isEqualTo(201);
        Answer update = api.ifMatch(as("alice"), "PUT", "/api/v1/services/" + third,
                serviceJson(null, "Tie C", payments, byService("tie-" + run + "-y"), null), "\"0\"");
        assertProblem(update, 409, "selector-tie");
        assertThat(update.text("conflictingServiceId")).isEqualTo(first);
        assertThat(api.send(as("alice"), "GET", "/api/v1/services/" + third, null).etag()).isEqualTo("\"0\"");
    }

    @Test
    void resolvesByKubernetesCoordinatesWithExactBeatingGlob() throws Exception {
        String app = "shop-" + run;
        String matchers = """
                [{"label":"app","op":"EQUALS","value":"%s"}]""".formatted(app);
        assertThat(api.send(as("alice"), "POST", "/api/v1/services", serviceJson("eu-" + run, "EU", payments, matchers,
                "\"kubernetes\":[{\"cluster\":\"eu-*\",\"namespace\":\"shop\",\"workload\":\"checkout-*\"}]")).status()).isEqualTo(201);
        assertThat(api.send(as("alice"), "POST", "/api/v1/services", serviceJson("eu1-" + run, "EU 1", identity, matchers,
                "\"kubernetes\":[{\"cluster\":\"eu-1\",\"namespace\":\"shop\",\"workload\":\"checkout-api\"}]")).status()).isEqualTo(201);
        assertThat(api.send(as("alice"), "POST", "/api/v1/services", serviceJson("any-" + run, "Anywhere", payments, matchers, null))
                .status()).isEqualTo(201);
        // Same labels and the same weight (1 + ½ + 1 + ½ = 1 + 1 + 1) as eu-*/shop/checkout-*, in globs that can meet: refused.
        assertProblem(api.send(as("alice"), "POST", "/api/v1/services", serviceJson("eu-b-" + run, "EU B", payments, matchers,
                "\"kubernetes\":[{\"cluster\":\"eu-west\",\"namespace\":\"shop\"}]")), 409, "selector-tie");

        assertThat(resolve("""
                {"labels":{"app":"%s"},"cluster":"eu-2","namespace":"shop","workload":"checkout-web"}""".formatted(app)))
                .isEqualTo("eu-" + run);
        assertThat(resolve("""
                {"labels":{"app":"%s"},"cluster":"eu-1","namespace":"shop","workload":"checkout-api"}""".formatted(app)))
                .isEqualTo("eu1-" + run);
        assertThat(resolve("""
                {"labels":{"app":"%s","cluster":"eu-1","namespace":"shop","deployment":"checkout-api"}}""".formatted(app)))
                .as("coordinates read from labels").isEqualTo("eu1-" + run);
        assertThat(resolve("""
                {"labels":{"app":"%s"},"cluster":"us-1","namespace":"shop","workload":"checkout-api"}""".formatted(app)))
                .as("outside every selector: the service without selectors").isEqualTo("any-" + run);
        Answer resolved = api.send(as("alice"), "POST", "/api/v1/resolve", """
                {"labels":{"app":"%s"},"cluster":"eu-1","namespace":"shop","workload":"checkout-api"}""".formatted(app));
        assertThat(resolved.text("teamId")).isEqualTo(identity);
        assertThat(resolved.text("teamName")).isEqualTo("Team " + identity);
    }

    private String resolve(String body) throws Exception {
        Answer answer = api.send(TOKENS.client("alert-router", "alert-router-secret", "registry.resolve"), "POST", "/api/v1/resolve", body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.text("serviceId");
    }

    @Test
    void aConsumerReadingOwnershipFromTheBeginningEndsWithTheRegistrysServices() throws Exception {
        String kept = "kept-" + run;
        String gone = "gone-" + run;
        assertThat(api.send(as("alice"), "POST", "/api/v1/services", serviceJson(kept, "Kept", payments, byService(kept), null))
                .status()).isEqualTo(201);
        assertThat(api.send(as("alice"), "POST", "/api/v1/services", serviceJson(gone, "Gone", payments, byService(gone), null))
                .status()).isEqualTo(201);
        assertThat(api.ifMatch(as("alice"), "PUT", "/api/v1/services/" + kept,
                serviceJson(null, "Kept v2", identity, byService(kept), "\"tier\":\"tier-2\""), "\"0\"").status()).isEqualTo(200);
        assertThat(api.ifMatch(as("alice"), "DELETE", "/api/v1/services/" + gone, null, "\"0\"").status()).isEqualTo(204);

        try (OwnershipTopic topic = new OwnershipTopic(TestInfrastructure.get())) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                topic.poll();
                assertThat(summary(topic.view())).isEqualTo(registryServices());
            });
            ServiceOwnership keptOnTopic = topic.view().get(kept);
            assertThat(keptOnTopic.getName()).isEqualTo("Kept v2");
            assertThat(keptOnTopic.getTeamId()).isEqualTo(identity);
            assertThat(keptOnTopic.getTeamName()).isEqualTo("Team " + identity);
            assertThat(keptOnTopic.getTier()).isEqualTo("tier-2");
            assertThat(keptOnTopic.getRevision()).isEqualTo(1);
            assertThat(keptOnTopic.getLabelMatchers().get(0).getValue()).isEqualTo(kept);
            assertThat(keptOnTopic.getUpdatedAt()).isNotNull();
            List<OwnershipTopic.Change> goneChanges = topic.byKey().get(gone);
            assertThat(goneChanges).hasSize(2);
            assertThat(goneChanges.get(1).value()).as("a deletion is a tombstone").isNull();
        }
    }

    @Test
    void republishesEveryServiceForOpsAdminsOnly() throws Exception {
        String id = "again-" + run;
        assertThat(api.send(as("alice"), "POST", "/api/v1/services", serviceJson(id, "Again", payments, byService(id), null))
                .status()).isEqualTo(201);
        assertProblem(api.send(as("bob"), "POST", "/api/v1/admin/republish-ownership", null), 403, "forbidden");
        try (OwnershipTopic topic = new OwnershipTopic(TestInfrastructure.get())) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(topic.poll()).extracting(OwnershipTopic.Change::serviceId).contains(id));
            long before = topic.poll().stream().filter(change -> change.serviceId().equals(id)).count();

            Answer accepted = api.send(as("alice"), "POST", "/api/v1/admin/republish-ownership", null);
            assertThat(accepted.status()).isEqualTo(202);
            int total = api.send(as("alice"), "GET", "/api/v1/services?size=1", null).body().path("total").asInt();
            assertThat(accepted.body().path("enqueued").asInt()).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(total);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    topic.poll().stream().filter(change -> change.serviceId().equals(id)).count()).isEqualTo(before + 1));
            assertThat(summary(topic.view())).isEqualTo(registryServices());
        }
    }

    /** serviceId -> "revision/teamId/name": what a consumer must agree with the registry on. */
    private static Map<String, String> summary(Map<String, ServiceOwnership> view) {
        Map<String, String> summary = new TreeMap<>();
        view.forEach((id, value) -> summary.put(id, value.getRevision() + "/" + value.getTeamId() + "/" + value.getName()));
        return summary;
    }

    private Map<String, String> registryServices() throws Exception {
        Map<String, String> summary = new TreeMap<>();
        for (int page = 0; ; page++) {
            JsonNode items = api.send(as("alice"), "GET", "/api/v1/services?size=500&page=" + page, null).body().path("items");
            items.forEach(item -> summary.put(item.path("id").asString(),
                    item.path("version").asLong() + "/" + item.path("teamId").asString() + "/" + item.path("name").asString()));
            if (items.size() < 500) {
                return summary;
            }
        }
    }
}
