package io.ownwatch.router;

import static io.ownwatch.router.RegistryForTests.level;
import static io.ownwatch.router.RouterApi.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Escalation end to end: alerts on a real Kafka, the router on a real PostgreSQL, and the real ownership-registry
 * (teams, people, a schedule, escalation policies) in the same JVM. What a user sees is asserted: the rows of the
 * page queue ({@code notification}) and the entries on {@code incident.timeline.v1}. Deadlines are moved in the
 * database instead of waiting minutes: the worker compares them with the database's clock.
 */
class EscalationIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final TimelineTopic TIMELINE = TimelineTopic.shared().patience(PATIENCE);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Tokens TOKENS = TestInfrastructure.tokens();
    /** Fast polling and short back-off, so a test waits seconds, never minutes. */
    private static final String[] FAST = {
            "--ownwatch.router.escalation.enabled=true",
            "--ownwatch.router.escalation.poll-every=200ms",
            "--ownwatch.router.escalation.retry-initial=300ms",
            "--ownwatch.router.escalation.retry-max=1s",
            "--ownwatch.router.escalation.claim-lease=10s",
            "--ownwatch.router.grouping.by=",
            "--resilience4j.circuitbreaker.instances.registry-escalation.wait-duration-in-open-state=1s",
            // Delivery gives up after two quick attempts, so a failing channel's outcome shows within seconds.
            "--ownwatch.router.notification.poll-interval=200ms",
            "--ownwatch.router.notification.max-attempts=2",
            "--ownwatch.router.notification.backoff.initial=200ms",
            "--ownwatch.router.notification.backoff.max=1s"};

    private static RegistryForTests registry;
    @RegisterExtension
    static final RouterFixture.PerClass ROUTER = new RouterFixture.PerClass();
    private static RouterFixture router;
    private static RouterApi api;
    private static RouterDatabase database;

    // The registry's data for this run: three people, two teams, a rota, policies, services.
    private static final String ANN = "ann-" + RUN;
    private static final String BEN = "ben-" + RUN;
    private static final String CID = "cid-" + RUN;
    /** The one person with contact rules of their own (rules live in the router's database, shared by its tests). */
    private static final String DAN = "dan-" + RUN;
    /** A person whose Slack webhook is an endpoint that always answers 500. */
    private static final String EVE = "eve-" + RUN;
    private static HttpServer failingSlack;
    private static final AtomicInteger failingSlackCalls = new AtomicInteger();
    private static final String PAYMENTS = "pay-" + RUN;
    private static final String IDENTITY = "idn-" + RUN;
    private static final String ROTA = "rota-" + RUN;

    @BeforeAll
    static void start() {
        registry = RegistryForTests.shared();
        failingSlack = failingEndpoint();
        registry.create("people", """
                {"id":"%s","name":"Eve","email":"eve-%s@example.com","slackWebhook":"http://127.0.0.1:%d/services/eve"}"""
                .formatted(EVE, RUN, failingSlack.getAddress().getPort()));
        registry.create("people", """
                {"id":"%s","name":"Ann","email":"ann-%s@example.com","slackWebhook":"https://hooks.slack.com/services/T0/B0/ann%s"}"""
                .formatted(ANN, RUN, RUN));
        List.of(BEN, CID, DAN).forEach(registry::person);
        registry.create("teams", """
                {"id":"%s","name":"Payments","channels":[{"type":"SLACK_WEBHOOK","address":"https://hooks.slack.com/services/T0/B0/pay%s"}]}"""
                .formatted(PAYMENTS, RUN));
        registry.create("teams", """
                {"id":"%s","name":"Identity","channels":[{"type":"EMAIL","address":"identity-%s@example.com"}]}"""
                .formatted(IDENTITY, RUN));
        registry.create("schedules", """
                {"id":"%s","name":"Rota","teamId":"%s","timeZone":"UTC",
                 "layers":[{"participants":["%s"],"rotationStart":"2026-01-05T08:00:00","shiftLength":"PT12H"}]}"""
                .formatted(ROTA, PAYMENTS, ANN));
        // The identity team's own policy: what a reassigned incident restarts on.
        registry.policy("idn-chain-" + RUN, IDENTITY, 0, level(10, "PERSON", CID));
        // What incidents without a service (the catch-all team's) escalate by.
        registry.policy("catch-all-" + RUN, PAYMENTS, 0, level(10, "PERSON", CID));
        router = ROUTER.start("esc", RUN, PATIENCE, registry.baseUrl(), java.util.stream.Stream.concat(
                java.util.Arrays.stream(FAST), java.util.stream.Stream.of(
                        "--ownwatch.router.escalation.catch-all-policy-id=catch-all-" + RUN)).toArray(String[]::new));
        api = router.api();
        database = router.database();
    }

    @AfterAll
    static void stop() {
        if (failingSlack != null) {
            failingSlack.stop(0);
        }
    }

    @Test
    void pagesLevelOneOnOpenThenLevelTwoAfterTheDelayAndAnAcknowledgementStopsIt() {
        String service = service("two-levels", registry.policy("two-levels-" + RUN, PAYMENTS, 0,
                level(10, "SCHEDULE", ROTA), level(10, "PERSON", BEN, "TEAM_CHANNEL", PAYMENTS)));

        UUID incident = router.open(alert(service, Severity.CRITICAL));

        // Level 1: whoever the rota has on call (ann), by her default rules: e-mail and her Slack webhook.
        awaitNotifications(database, incident, 2);
        assertThat(notifications(database, incident)).containsExactlyInAnyOrder(
                new Row(incident + ":r1:l1:" + ANN + ":EMAIL", ANN, "EMAIL", "ann-" + RUN + "@example.com", "PERSON_PAGE", 1),
                new Row(incident + ":r1:l1:" + ANN + ":SLACK", ANN, "SLACK", "https://hooks.slack.com/services/T0/B0/ann" + RUN, "PERSON_PAGE", 1));

        database.dueNow(incident);
        awaitNotifications(database, incident, 4);
        assertThat(notifications(database, incident)).contains(
                new Row(incident + ":r1:l2:" + BEN + ":EMAIL", BEN, "EMAIL", BEN + "@example.com", "PERSON_PAGE", 2),
                new Row(incident + ":r1:l2:team-" + PAYMENTS + "-1:SLACK", null, "SLACK",
                        "https://hooks.slack.com/services/T0/B0/pay" + RUN, "TEAM_POST", 2));
        List<TimelineEvent> timeline = TIMELINE.awaitType(incident, TimelineEventType.ESCALATED);
        TimelineEvent escalated = only(timeline, TimelineEventType.ESCALATED);
        assertThat(escalated.getAttributes()).containsEntry("level", "2").containsEntry("round", "1")
                .containsEntry("people", BEN).containsEntry("reason", "not acknowledged within 10 min of level 1");

        assertThat(api.post("/api/v1/incidents/" + incident + "/acknowledge", "alice", null).statusCode()).isEqualTo(200);
        assertThat(database.escalation(incident)).containsEntry("status", "STOPPED").containsEntry("due_at", null);
        assertThat(notifications(database, incident)).hasSize(4);
    }

    @Test
    void aChannelThatKeepsFailingDoesNotStallTheEscalation() {
        String service = service("failing-channel", registry.policy("failing-channel-" + RUN, PAYMENTS, 0,
                level(10, "PERSON", EVE), level(10, "PERSON", BEN)));

        UUID incident = router.open(alert(service, Severity.CRITICAL));

        // Level 1's Slack page meets an endpoint answering 500: tried, retried, then given up, on the timeline.
        String slack = incident + ":r1:l1:" + EVE + ":SLACK";
        await().atMost(PATIENCE).until(() -> "FAILED".equals(status(database, slack)));
        assertThat(failingSlackCalls.get()).isPositive();
        TimelineEvent failed = await().atMost(PATIENCE).until(() -> TIMELINE.of(incident).stream()
                .filter(event -> event.getType() == TimelineEventType.NOTIFICATION_FAILED
                        && slack.equals(event.getAttributes().get("notificationId")))
                .findFirst().orElse(null), Objects::nonNull);
        assertThat(failed.getAttributes().get("reason")).isNotBlank();

        // The escalation never waited for it: level 2 pages when level 1's delay is over.
        database.dueNow(incident);
        awaitNotifications(database, incident, 3);
        assertThat(notifications(database, incident)).extracting(Row::id)
                .contains(incident + ":r1:l2:" + BEN + ":EMAIL");
        assertThat(only(TIMELINE.awaitType(incident, TimelineEventType.ESCALATED), TimelineEventType.ESCALATED)
                .getAttributes()).containsEntry("level", "2").containsEntry("people", BEN);
    }

    @Test
    void repeatsTheChainThenStopsWithEscalationExhausted() {
        String service = service("repeat", registry.policy("repeat-" + RUN, PAYMENTS, 1, level(5, "PERSON", BEN)));

        UUID incident = router.open(alert(service, Severity.ERROR));
        awaitNotifications(database, incident, 1);
        database.dueNow(incident);
        awaitNotifications(database, incident, 2);
        database.dueNow(incident);

        List<TimelineEvent> timeline = TIMELINE.awaitType(incident, TimelineEventType.ESCALATION_EXHAUSTED);
        assertThat(notifications(database, incident)).extracting(Row::id)
                .containsExactlyInAnyOrder(incident + ":r1:l1:" + BEN + ":EMAIL", incident + ":r2:l1:" + BEN + ":EMAIL");
        assertThat(only(timeline, TimelineEventType.ESCALATED).getAttributes()).containsEntry("round", "2")
                .containsEntry("level", "1");
        assertThat(only(timeline, TimelineEventType.ESCALATION_EXHAUSTED).getAttributes())
                .containsEntry("policyId", "repeat-" + RUN).containsEntry("rounds", "2");
        assertThat(database.escalation(incident)).containsEntry("status", "EXHAUSTED");
    }

    @Test
    void aPolicyEditedMidWayChangesNothingAndContactRulesDelayAPage() {
        String policy = registry.policy("edited-" + RUN, PAYMENTS, 0, level(10, "PERSON", CID), level(10, "PERSON", DAN));
        String service = service("edited", policy);
        String alice = TOKENS.person("alice");
        // dan's own rules, stored by an ops-admin: e-mail at once and again after five minutes.
        HttpResponse<String> rules = api.put("/api/v1/people/" + DAN + "/notification-rules", "alice",
                "{\"rules\":[{\"channel\":\"EMAIL\",\"afterMinutes\":0},{\"channel\":\"EMAIL\",\"afterMinutes\":5}]}");
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);

        UUID incident = router.open(alert(service, Severity.CRITICAL));
        awaitNotifications(database, incident, 1);
        JsonNode stored = registry.require(alice, "GET", "/api/v1/escalation-policies/" + policy, null);
        registry.require(alice, "PUT", "/api/v1/escalation-policies/" + policy, """
                {"id":"%s","name":"Edited","teamId":"%s","repeat":0,"version":%d,
                 "levels":[{"delayMinutes":1,"targets":[{"type":"PERSON","id":"%s"}]}]}"""
                .formatted(policy, PAYMENTS, stored.path("version").asLong(), ANN));

        database.dueNow(incident);
        awaitNotifications(database, incident, 3);
        assertThat(notifications(database, incident)).extracting(Row::id).containsExactlyInAnyOrder(
                incident + ":r1:l1:" + CID + ":EMAIL",
                incident + ":r1:l2:" + DAN + ":EMAIL",
                incident + ":r1:l2:" + DAN + ":EMAIL+5m");
        Long delayedBy = database.jdbc().sql("""
                SELECT CAST(extract(epoch FROM next_attempt_at - created_at) AS bigint) FROM notification
                WHERE notification_id = :id""").param("id", incident + ":r1:l2:" + DAN + ":EMAIL+5m").query(Long.class).single();
        assertThat(delayedBy).isBetween(299L, 301L);
        assertThat(database.escalation(incident).get("snapshot").toString()).contains(DAN).doesNotContain(ANN);
    }

    @Test
    void reassignRestartsTheEscalationOnTheNewTeamsPolicy() {
        String service = service("reassign", registry.policy("reassign-" + RUN, PAYMENTS, 0, level(10, "PERSON", BEN)));

        UUID incident = router.open(alert(service, Severity.CRITICAL));
        awaitNotifications(database, incident, 1);
        HttpResponse<String> reassigned = api.post("/api/v1/incidents/" + incident + "/reassign", "alice",
                "{\"teamId\":\"" + IDENTITY + "\",\"reason\":\"login fails, not checkout\"}");
        assertThat(reassigned.statusCode()).as(reassigned.body()).isEqualTo(200);

        awaitNotifications(database, incident, 2);
        assertThat(notifications(database, incident)).extracting(Row::id).containsExactlyInAnyOrder(
                incident + ":r1:l1:" + BEN + ":EMAIL", incident + ":g2:r1:l1:" + CID + ":EMAIL");
        assertThat(database.escalation(incident)).containsEntry("team_id", IDENTITY).containsEntry("generation", 2);
    }

    @Test
    void aFailedRemediationPagesTheNextLevelAtOnceWithItsReason() {
        String service = service("remedied", registry.policy("remedied-" + RUN, PAYMENTS, 0,
                level(30, "PERSON", BEN), level(30, "PERSON", CID)));

        UUID incident = router.open(alert(service, Severity.CRITICAL));
        awaitNotifications(database, incident, 1);
        // What the remediation trigger publishes when its runbook failed (in its own transaction, as it would).
        router.router().context().getBean(org.springframework.transaction.support.TransactionTemplate.class).executeWithoutResult(
                tx -> router.router().context().publishEvent(new io.ownwatch.router.remediation.RemediationEvent.EscalationNeeded(
                        incident, "drain-queue", "failed: HTTP 500")));

        awaitNotifications(database, incident, 2);
        assertThat(notifications(database, incident)).extracting(Row::id).containsExactlyInAnyOrder(
                incident + ":r1:l1:" + BEN + ":EMAIL", incident + ":r1:l2:" + CID + ":EMAIL");
        assertThat(only(TIMELINE.awaitType(incident, TimelineEventType.ESCALATED), TimelineEventType.ESCALATED).getAttributes())
                .containsEntry("level", "2").containsEntry("reason", "remediation drain-queue: failed: HTTP 500");
    }

    @Test
    void anIncidentWithoutAServiceEscalatesByTheCatchAllPolicy() {
        UUID incident = router.open(alert("no-such-service-" + RUN, Severity.CRITICAL));

        awaitNotifications(database, incident, 1);
        assertThat(notifications(database, incident)).containsExactly(new Row(incident + ":r1:l1:" + CID + ":EMAIL", CID,
                "EMAIL", CID + "@example.com", "PERSON_PAGE", 1));
        assertThat(database.escalation(incident)).containsEntry("team_id", "operations").containsEntry("service_id", null);
        assertThat(database.escalation(incident).get("snapshot").toString()).contains("catch-all-" + RUN);
    }

    @Test
    void lowSeverityTellsTheTeamChannelOnlyAndPagesNobody() {
        String service = service("quiet", registry.policy("quiet-" + RUN, PAYMENTS, 0, level(10, "PERSON", BEN)));

        UUID incident = router.open(alert(service, Severity.WARNING));

        awaitNotifications(database, incident, 1);
        assertThat(notifications(database, incident)).containsExactly(new Row(incident + ":r1:l1:team-" + PAYMENTS + "-1:SLACK",
                null, "SLACK", "https://hooks.slack.com/services/T0/B0/pay" + RUN, "TEAM_POST", 1));
        assertThat(database.escalation(incident)).containsEntry("status", "STOPPED");
    }

    @Test
    void notificationRulesAreReadAndReplacedByThePersonOrAnOpsAdminWithClearErrors() {
        HttpResponse<String> fresh = api.exchange("GET", "/api/v1/people/bob/notification-rules", "bob", null);
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fresh.body()).path("isDefault").asBoolean()).isTrue();

        HttpResponse<String> own = api.put("/api/v1/people/bob/notification-rules", "bob",
                "{\"rules\":[{\"channel\":\"SLACK\",\"afterMinutes\":0},{\"channel\":\"EMAIL\",\"afterMinutes\":10}]}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        JsonNode read = JSON.readTree(api.exchange("GET", "/api/v1/people/bob/notification-rules", "alice", null).body());
        assertThat(read.path("isDefault").asBoolean()).isFalse();
        assertThat(read.path("rules").get(1).path("afterMinutes").asInt()).isEqualTo(10);

        assertThat(api.put("/api/v1/people/bob/notification-rules", "dave", "{\"rules\":[]}").statusCode()).isEqualTo(403);
        assertThat(api.exchange("GET", "/api/v1/people/bob/notification-rules", "erin", null).statusCode()).isEqualTo(403);
        assertInvalid(api.put("/api/v1/people/bob/notification-rules", "bob",
                "{\"rules\":[{\"channel\":\"WEBHOOK\",\"afterMinutes\":0}]}"), "rules[0].channel");
        assertInvalid(api.put("/api/v1/people/bob/notification-rules", "bob",
                "{\"rules\":[{\"channel\":\"EMAIL\",\"afterMinutes\":-1}]}"), "rules[0].afterMinutes");
        assertInvalid(api.put("/api/v1/people/bob/notification-rules", "bob",
                "{\"rules\":[{\"channel\":\"EMAIL\",\"afterMinutes\":3},{\"channel\":\"EMAIL\",\"afterMinutes\":3}]}"), "rules[1]");
        assertInvalid(api.put("/api/v1/people/bob/notification-rules", "bob", "{}"), "rules");
        // Refused changes changed nothing.
        JsonNode after = JSON.readTree(api.exchange("GET", "/api/v1/people/bob/notification-rules", "bob", null).body());
        assertThat(after.path("rules")).isEqualTo(read.path("rules"));
    }

    @Test
    void aDeadlineThatPassedWhileTheRouterWasDownFiresOnceWhenItComesBack() {
        String service = service("restart", registry.policy("restart-" + RUN, PAYMENTS, 1, level(5, "PERSON", BEN)));
        UUID incident;
        RouterDatabase db;
        try (RouterFixture first = router.beside("restart", registry.baseUrl(), FAST)) {
            db = first.database();
            incident = first.open(alert(service, Severity.CRITICAL));
            awaitNotifications(db, incident, 1);
        }
        // Every router is down when the deadline passes.
        db.dueNow(incident);
        try (RouterFixture second = router.beside("restart", registry.baseUrl(), FAST)) {
            awaitNotifications(db, incident, 2);
            db.dueNow(incident);
            List<TimelineEvent> timeline = TIMELINE.awaitType(incident, TimelineEventType.ESCALATION_EXHAUSTED);
            assertThat(count(timeline, TimelineEventType.ESCALATED)).isEqualTo(1);
            assertThat(notifications(db, incident)).extracting(Row::id).containsExactlyInAnyOrder(
                    incident + ":r1:l1:" + BEN + ":EMAIL", incident + ":r2:l1:" + BEN + ":EMAIL");
        }
    }

    @Test
    void twoRouterInstancesOnOneDatabaseFireEachStepOnce() {
        String service = service("twice", registry.policy("twice-" + RUN, PAYMENTS, 1, level(5, "PERSON", BEN)));
        try (RouterFixture one = router.beside("two", registry.baseUrl(), FAST);
                RouterFixture two = one.again(registry.baseUrl(), FAST)) {
            RouterDatabase db = one.database();
            List<UUID> incidents = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                incidents.add(one.open(alert(service, Severity.CRITICAL)));
            }
            incidents.forEach(incident -> awaitNotifications(db, incident, 1));
            incidents.forEach(incident -> db.dueNow(incident));
            incidents.forEach(incident -> awaitNotifications(db, incident, 2));
            incidents.forEach(incident -> db.dueNow(incident));
            for (UUID incident : incidents) {
                List<TimelineEvent> timeline = TIMELINE.awaitType(incident, TimelineEventType.ESCALATION_EXHAUSTED);
                assertThat(count(timeline, TimelineEventType.ESCALATED)).as("ESCALATED of " + incident).isEqualTo(1);
                assertThat(count(timeline, TimelineEventType.ESCALATION_EXHAUSTED)).isEqualTo(1);
            }
        }
    }

    @Test
    void aStepWhileTheRegistryIsDownIsRetriedAndRecordedOnceThenFiresWhenItIsBack() {
        String service = service("outage", registry.policy("outage-" + RUN, PAYMENTS, 0, level(10, "PERSON", BEN), level(10, "PERSON", CID)));
        try (RestartableRegistry own = RestartableRegistry.started();
                RouterFixture down = router.beside("down", own.baseUrl(), FAST)) {
            RouterDatabase db = down.database();
            UUID incident = down.open(alert(service, Severity.CRITICAL));
            awaitNotifications(db, incident, 1);

            own.stop();
            db.dueNow(incident);
            // (The level-1 e-mail's delivery failing - no SMTP server here - is a NOTIFICATION_FAILED of its own.)
            await().atMost(PATIENCE).until(() -> registryUnreachable(TIMELINE.of(incident)) == 1);
            // Tried again and again (the deadline pushed, never lost), recorded once.
            await().atMost(PATIENCE).until(() -> ((Number) db.escalation(incident).get("attempts")).intValue() >= 3);
            assertThat(notifications(db, incident)).hasSize(1);

            own.start();
            awaitNotifications(db, incident, 2);
            assertThat(notifications(db, incident)).extracting(Row::id).contains(incident + ":r1:l2:" + CID + ":EMAIL");
            List<TimelineEvent> timeline = TIMELINE.awaitType(incident, TimelineEventType.ESCALATED);
            assertThat(registryUnreachable(timeline)).isEqualTo(1);
        }
    }

    @Test
    void theStormGuardCapsPersonalPagesPerTeamAndMinuteAndSummarisesTheRest() {
        String service = service("storm", registry.policy("storm-" + RUN, PAYMENTS, 0, level(10, "PERSON", BEN, "PERSON", CID)));
        String[] capped = java.util.stream.Stream.concat(java.util.Arrays.stream(FAST),
                java.util.stream.Stream.of("--ownwatch.router.escalation.pages-per-team-per-minute=1")).toArray(String[]::new);
        try (RouterFixture storm = router.beside("storm", registry.baseUrl(), capped)) {
            RouterDatabase db = storm.database();
            List<UUID> incidents = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                UUID incident = storm.open(alert(service, Severity.CRITICAL));
                incidents.add(incident);
                await().atMost(PATIENCE).until(() -> ((String) db.escalation(incident).get("status")).equals("RUNNING"));
            }
            JdbcClient jdbc = db.jdbc();
            // At most one personal page per minute for the team (one person of one incident), all via e-mail.
            List<Map<String, Object>> perMinute = jdbc.sql("""
                    SELECT date_trunc('minute', created_at) AS minute, count(DISTINCT (incident_id, person_id)) AS paged
                    FROM notification WHERE kind = 'PERSON_PAGE' GROUP BY 1""").query().listOfRows();
            assertThat(perMinute).allSatisfy(row -> assertThat(((Number) row.get("paged")).intValue()).isEqualTo(1));
            long paged = perMinute.stream().mapToLong(row -> ((Number) row.get("paged")).longValue()).sum();
            // Every page held back is counted in exactly one summary: one per person and minute.
            List<Map<String, Object>> summaries = jdbc.sql("""
                    SELECT notification_id, person_id, incident_id, details ->> 'heldBack' AS held_back, next_attempt_at > created_at AS delayed
                    FROM notification WHERE kind = 'STORM_SUMMARY'""").query().listOfRows();
            assertThat(summaries).isNotEmpty().allSatisfy(row -> {
                assertThat(row.get("incident_id")).isNull();
                assertThat(row.get("delayed")).isEqualTo(true);
                assertThat((String) row.get("notification_id")).startsWith("storm:" + PAYMENTS + ":" + row.get("person_id") + ":");
            });
            long heldBack = summaries.stream().mapToLong(row -> Long.parseLong((String) row.get("held_back"))).sum();
            assertThat(paged + heldBack).isEqualTo(2L * incidents.size());
        }
    }

    // --- the registry's data ---

    /** A payments service with this policy, matched by the alert label {@code service=<id>}. */
    private static String service(String name, String policy) {
        return registry.service(name + "-" + RUN, name, PAYMENTS, policy);
    }

    // --- alerts in, incidents, pages and timeline out ---

    private static AlertEvent alert(String service, Severity severity) {
        return TestAlerts.firing(service + "-" + UUID.randomUUID(), severity, "Checkout error rate above 5%",
                Map.of("alertname", "CheckoutErrors", "service", service));
    }

    /** A row of the page queue, as the delivery worker will read it. */
    record Row(String id, String personId, String channel, String address, String kind, int level) {
    }

    private static List<Row> notifications(RouterDatabase db, UUID incident) {
        return db.jdbc().sql("""
                SELECT notification_id, person_id, channel, address, kind, level FROM notification
                WHERE incident_id = :incident ORDER BY created_at, notification_id""")
                .param("incident", incident)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)))
                .list();
    }

    private static String status(RouterDatabase db, String notificationId) {
        return db.jdbc().sql("SELECT status FROM notification WHERE notification_id = :id").param("id", notificationId)
                .query(String.class).optional().orElse(null);
    }

    /** A webhook endpoint that answers every call with 500, counting the calls. */
    private static HttpServer failingEndpoint() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                failingSlackCalls.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitNotifications(RouterDatabase db, UUID incident, int atLeast) {
        await().atMost(PATIENCE).until(() -> notifications(db, incident).size() >= atLeast);
    }

    private static TimelineEvent only(List<TimelineEvent> timeline, TimelineEventType type) {
        List<TimelineEvent> of = timeline.stream().filter(e -> e.getType() == type).toList();
        assertThat(of).as(type + " on " + timeline.stream().map(TimelineEvent::getType).toList()).hasSize(1);
        return of.get(0);
    }

    /** The step failures recorded because the registry could not say who is on call. */
    private static long registryUnreachable(List<TimelineEvent> timeline) {
        return timeline.stream().filter(e -> e.getType() == TimelineEventType.NOTIFICATION_FAILED
                && "on-call unknown: registry unreachable".equals(e.getAttributes().get("reason"))).count();
    }

    private static long count(List<TimelineEvent> timeline, TimelineEventType type) {
        return timeline.stream().filter(e -> e.getType() == type).count();
    }
}
