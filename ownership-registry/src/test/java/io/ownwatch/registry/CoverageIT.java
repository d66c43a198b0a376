package io.ownwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.registry.ApiClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The coverage report on a real PostgreSQL of its own ({@code registry_coverage}, with its own ownership
 * topic): the report covers the whole registry, so it must not see other tests' teams and services. First a fully covered registry
 * reports nothing; then one problem of every kind is planted and each must be found.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + OwnershipRegistryApplication.CONFIG_NAME,
                // Its own topic too: the services of this database must not show up in other tests' ownership.v1.
                "spring.cloud.stream.bindings.ownership-out-0.destination=ownership-coverage.v1"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoverageIT {

    private static final Tokens TOKENS = TestInfrastructure.tokens();
    private static final List<String> KINDS = List.of("SERVICE_WITHOUT_OWNER", "SERVICE_WITHOUT_ESCALATION_POLICY",
            "SERVICE_NOBODY_ON_CALL", "SCHEDULE_GAP", "TEAM_WITHOUT_MEMBERS", "POLICY_REFERENCES_NOBODY", "SELECTOR_OVERLAP");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("registry_coverage").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private Answer post(String path, String body) throws Exception {
        Answer answer = api.send(TOKENS.person("alice"), "POST", path, body);
        assertThat(answer.status()).as(path + " " + answer.body()).isEqualTo(201);
        return answer;
    }

    private JsonNode coverage(String person, String query) throws Exception {
        Answer answer = api.send(TOKENS.person(person), "GET", "/api/v1/coverage" + query, null);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body();
    }

    private static List<JsonNode> findings(JsonNode report, String kind) {
        List<JsonNode> found = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("kind").asString().equals(kind)) {
                found.add(f);
            }
        });
        return found;
    }

    private static List<String> subjects(JsonNode report, String kind) {
        return findings(report, kind).stream().map(f -> f.path("subject").path("id").asString()).toList();
    }

    private static String service(String id, String team, String policy, String matchers) {
        return """
                {"id":"%s","name":"%s","teamId":"%s"%s,"labelMatchers":%s}""".formatted(id, id, team,
                policy == null ? "" : ",\"escalationPolicyId\":\"" + policy + "\"", matchers);
    }

    private static String byService(String value) {
        return """
                [{"label":"service","op":"EQUALS","value":"%s"}]""".formatted(value);
    }

    /** A schedule with ann on call around the clock since 2020, or only on weekdays 09:00-17:00 UTC. */
    private static String schedule(String id, boolean officeHoursOnly) {
        return """
                {"id":"%s","name":"%s","teamId":"payments","timeZone":"UTC",
                 "layers":[{"name":"main","participants":["ann"],"rotationStart":"2020-01-06T00:00:00","shiftLength":"P1D"%s}]}"""
                .formatted(id, id, officeHoursOnly
                        ? ",\"restrictions\":[{\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"],\"from\":\"09:00\",\"to\":\"17:00\"}]"
                        : "");
    }

    private static String policy(String id, String targetType, String targetId) {
        return """
                {"id":"%s","name":"%s","teamId":"payments","repeat":1,
                 "levels":[{"delayMinutes":10,"targets":[{"type":"%s","id":"%s"}]}]}""".formatted(id, id, targetType, targetId);
    }

    @Test
    @Order(1)
    void reportsNothingForAFullyCoveredRegistry() throws Exception {
        post("/api/v1/people", """
                {"id":"ann","name":"Ann","email":"ann@example.com","phone":"+4915112345678"}""");
        post("/api/v1/teams", """
                {"id":"payments","name":"Payments","channels":[{"type":"SLACK_WEBHOOK","address":"https://hooks.slack.com/services/T0/B0/X"}]}""");
        assertThat(api.send(TOKENS.person("alice"), "PUT", "/api/v1/teams/payments/members/ann", null).status()).isEqualTo(204);
        post("/api/v1/schedules", schedule("payments-primary", false));
        post("/api/v1/escalation-policies", policy("payments-default", "SCHEDULE", "payments-primary"));
        post("/api/v1/services", service("checkout", "payments", "payments-default", byService("checkout")));

        JsonNode report = coverage("dave", "");

        assertThat(report.path("findings").isEmpty()).as(report.toString()).isTrue();
        for (String kind : KINDS) {
            assertThat(report.path("summary").path(kind).asInt(-1)).as(kind).isZero();
        }
        Instant from = Instant.parse(report.path("from").asString());
        assertThat(Instant.parse(report.path("to").asString())).isEqualTo(from.plus(java.time.Duration.ofDays(14)));
    }

    @Test
    @Order(2)
    void findsEveryPlantedGap() throws Exception {
        // A team nobody is in.
        post("/api/v1/teams", """
                {"id":"lonely","name":"Lonely"}""");
        // A schedule covering office hours only, and a service whose only policy pages through it.
        post("/api/v1/schedules", schedule("office-hours", true));
        post("/api/v1/escalation-policies", policy("office-only", "SCHEDULE", "office-hours"));
        post("/api/v1/services", service("billing", "payments", "office-only", byService("billing")));
        // A service without an escalation policy.
        post("/api/v1/services", service("no-policy", "payments", null, byService("no-policy")));
        // A policy that only informs a team channel.
        post("/api/v1/escalation-policies", policy("channels-only", "TEAM_CHANNEL", "payments"));
        // A service more specific than checkout: an overlap precedence settles.
        post("/api/v1/services", service("checkout-prod", "payments", "payments-default",
                "[{\"label\":\"service\",\"op\":\"EQUALS\",\"value\":\"checkout\"},{\"label\":\"env\",\"op\":\"EQUALS\",\"value\":\"prod\"}]"));
        plantLegacyRows();

        JsonNode report = coverage("carol", "?days=14");

        assertThat(subjects(report, "SERVICE_WITHOUT_OWNER")).containsExactly("orphan");
        assertThat(subjects(report, "SERVICE_WITHOUT_ESCALATION_POLICY")).containsExactly("dangling", "no-policy");
        assertThat(subjects(report, "TEAM_WITHOUT_MEMBERS")).containsExactly("lonely");
        assertThat(subjects(report, "POLICY_REFERENCES_NOBODY")).containsExactly("channels-only");
        assertThat(findings(report, "POLICY_REFERENCES_NOBODY").get(0).path("severity").asString()).isEqualTo("ERROR");

        Instant from = Instant.parse(report.path("from").asString());
        Instant to = Instant.parse(report.path("to").asString());
        JsonNode scheduleGap = findings(report, "SCHEDULE_GAP").get(0);
        assertThat(subjects(report, "SCHEDULE_GAP")).containsExactly("office-hours");
        List<Instant[]> gaps = intervals(scheduleGap);
        assertMergedWithin(gaps, from, to);
        // Saturday noon is never covered, Wednesday noon always is.
        ZonedDateTime start = from.atZone(ZoneOffset.UTC);
        Instant saturdayNoon = start.with(TemporalAdjusters.next(DayOfWeek.SATURDAY)).withHour(12).withMinute(0).withSecond(0).withNano(0).toInstant();
        Instant wednesdayNoon = start.with(TemporalAdjusters.next(DayOfWeek.WEDNESDAY)).withHour(12).withMinute(0).withSecond(0).withNano(0).toInstant();
        assertThat(gaps).anySatisfy(g -> assertThat(saturdayNoon).isBetween(g[0], g[1]));
        assertThat(gaps).noneSatisfy(g -> assertThat(wednesdayNoon).isBetween(g[0], g[1]));
        // Two weeks hold ten working days: at least ten nights and two weekends without anyone.
        assertThat(gaps.size()).isGreaterThanOrEqualTo(10);

        JsonNode billing = findings(report, "SERVICE_NOBODY_ON_CALL").get(0);
        assertThat(subjects(report, "SERVICE_NOBODY_ON_CALL")).containsExactly("billing");
        assertThat(billing.path("related").get(0).path("id").asString()).isEqualTo("office-only");
        assertThat(billing.path("gaps")).isEqualTo(scheduleGap.path("gaps"));

        Map<String, String> overlaps = new java.util.HashMap<>();
        findings(report, "SELECTOR_OVERLAP").forEach(f -> overlaps.put(
                f.path("subject").path("id").asString() + "/" + f.path("related").get(0).path("id").asString(),
                f.path("severity").asString()));
        assertThat(overlaps).containsEntry("checkout/checkout-legacy", "ERROR")
                .containsEntry("checkout/checkout-prod", "INFO")
                .containsEntry("checkout-legacy/checkout-prod", "INFO")
                .hasSize(3);

        for (String kind : KINDS) {
            assertThat(report.path("summary").path(kind).asInt()).as(kind).isEqualTo(findings(report, kind).size()).isPositive();
        }
        // What was covered before stays covered: none of its parts is the subject of a gap.
        assertThat(subjects(report, "SCHEDULE_GAP")).doesNotContain("payments-primary");
        assertThat(subjects(report, "SERVICE_NOBODY_ON_CALL")).doesNotContain("checkout");
        assertThat(subjects(report, "TEAM_WITHOUT_MEMBERS")).doesNotContain("payments");
    }

    @Test
    @Order(3)
    void refusesABadHorizonNamingDays() throws Exception {
        for (String bad : List.of("0", "91", "-3", "two")) {
            Answer answer = api.send(TOKENS.person("alice"), "GET", "/api/v1/coverage?days=" + bad, null);
            assertThat(answer.status()).as(bad).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body().path("errors").findValuesAsString("field")).as(bad).containsExactly("days");
        }
        JsonNode ninety = coverage("bob", "?days=90");
        assertThat(Instant.parse(ninety.path("to").asString()))
                .isEqualTo(Instant.parse(ninety.path("from").asString()).plus(java.time.Duration.ofDays(90)));
    }

    /**
     * Rows the API refuses today but an older registry may hold: a tie stored before ties were refused, and
     * services naming a team or a policy that is gone (written with foreign keys switched off, as a restore
     * from before V6 could leave them).
     */
    private void plantLegacyRows() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO service (id, name, team_id, escalation_policy_id) VALUES ('checkout-legacy', 'Legacy', 'payments', 'payments-default')").update();
            jdbc.sql("INSERT INTO label_matcher (service_id, position, label, op, value) VALUES ('checkout-legacy', 0, 'service', 'EQUALS', 'checkout')").update();
        });
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SET LOCAL session_replication_role = replica").update();
            jdbc.sql("INSERT INTO service (id, name, team_id, escalation_policy_id) VALUES ('orphan', 'Orphan', 'gone-team', 'payments-default')").update();
            jdbc.sql("INSERT INTO label_matcher (service_id, position, label, op, value) VALUES ('orphan', 0, 'service', 'EQUALS', 'orphan')").update();
            jdbc.sql("INSERT INTO service (id, name, team_id, escalation_policy_id) VALUES ('dangling', 'Dangling', 'payments', 'never-made')").update();
            jdbc.sql("INSERT INTO label_matcher (service_id, position, label, op, value) VALUES ('dangling', 0, 'service', 'EQUALS', 'dangling')").update();
        });
    }

    private static List<Instant[]> intervals(JsonNode finding) {
        List<Instant[]> gaps = new ArrayList<>();
        finding.path("gaps").forEach(g -> gaps.add(new Instant[] {
                Instant.parse(g.path("from").asString()), Instant.parse(g.path("to").asString())}));
        return gaps;
    }

    /** Ordered, inside the horizon, non-empty, and merged: no two touch or overlap. */
    private static void assertMergedWithin(List<Instant[]> gaps, Instant from, Instant to) {
        assertThat(gaps).isNotEmpty();
        for (int i = 0; i < gaps.size(); i++) {
            assertThat(gaps.get(i)[0]).isBefore(gaps.get(i)[1]);
            assertThat(gaps.get(i)[0]).isAfterOrEqualTo(from);
            assertThat(gaps.get(i)[1]).isBeforeOrEqualTo(to);
            if (i > 0) {
                assertThat(gaps.get(i)[0]).isAfter(gaps.get(i - 1)[1]);
            }
        }
    }
}
