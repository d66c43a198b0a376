package io.ownwatch.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
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
    private static final HttpClient HTTP = HttpClient.newHttpClient();
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
    private static RouterForTests router;
    private static String database;
    private static String alerts;

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
        String alice = TOKENS.person("alice");
        failingSlack = failingEndpoint();
        registry.require(alice, "POST", "/api/v1/people", """
                {"id":"%s","name":"Eve","email":"eve-%s@example.com","slackWebhook":"http://127.0.0.1:%d/services/eve"}"""
                .formatted(EVE, RUN, failingSlack.getAddress().getPort()));
        registry.require(alice, "POST", "/api/v1/people", """
                {"id":"%s","name":"Ann","email":"ann-%s@example.com","slackWebhook":"https://hooks.slack.com/services/T0/B0/ann%s"}"""
                .formatted(ANN, RUN, RUN));
        for (String person : List.of(BEN, CID, DAN)) {
            registry.require(alice, "POST", "/api/v1/people", """
                    {"id":"%s","name":"%s","email":"%s@example.com"}""".formatted(person, person, person));
        }
        registry.require(alice, "POST", "/api/v1/teams", """
                {"id":"%s","name":"Payments","channels":[{"type":"SLACK_WEBHOOK","address":"https://hooks.slack.com/services/T0/B0/pay%s"}]}"""
                .formatted(PAYMENTS, RUN));
        registry.require(alice, "POST", "/api/v1/teams", """
                {"id":"%s","name":"Identity","channels":[{"type":"EMAIL","address":"identity-%s@example.com"}]}"""
                .formatted(IDENTITY, RUN));
        registry.require(alice, "POST", "/api/v1/schedules", """
                {"id":"%s","name":"Rota","teamId":"%s","timeZone":"UTC",
                 "layers":[{"participants":["%s"],"rotationStart":"2026-01-05T08:00:00","shiftLength":"PT12H"}]}"""
                .formatted(ROTA, PAYMENTS, ANN));
        // The identity team's own policy: what a reassigned incident restarts on.
        policy("idn-chain-" + RUN, IDENTITY, 0, level(10, "PERSON", CID));
        // What incidents without a service (the catch-all team's) escalate by.
        policy("catch-all-" + RUN, PAYMENTS, 0, level(10, "PERSON", CID));
        database = "router_esc_" + RUN.replace('-', '_');
        alerts = "alerts-esc-" + RUN;
        router = RouterForTests.start(database, alerts, registry.baseUrl(), java.util.stream.Stream.concat(
                java.util.Arrays.stream(FAST), java.util.stream.Stream.of(
                        "--ownwatch.router.escalation.catch-all-policy-id=catch-all-" + RUN)).toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        if (failingSlack != null) {
            failingSlack.stop(0);
        }
    }

    @Test
    void pagesLevelOneOnOpenThenLevelTwoAfterTheDelayAndAnAcknowledgementStopsIt() {
        String service = service("two-levels", policy("two-levels-" + RUN, PAYMENTS, 0,
                level(10, "SCHEDULE", ROTA), level(10, "PERSON", BEN, "TEAM_CHANNEL", PAYMENTS)));

        UUID incident = open(alerts, database, service, Severity.CRITICAL);

        // Level 1: whoever the rota has on call (ann), by her default rules: e-mail and her Slack webhook.
        awaitNotifications(database, incident, 2);
        assertThat(notifications(database, incident)).containsExactlyInAnyOrder(
                new Row(incident + ":r1:l1:" + ANN + ":EMAIL", ANN, "EMAIL", "ann-" + RUN + "@example.com", "PERSON_PAGE", 1),
                new Row(incident + ":r1:l1:" + ANN + ":SLACK", ANN, "SLACK", "https://hooks.slack.com/services/T0/B0/ann" + RUN, "PERSON_PAGE", 1));

        dueNow(database, incident);
        awaitNotifications(database, incident, 4);
        assertThat(notifications(database, incident)).contains(
                new Row(incident + ":r1:l2:" + BEN + ":EMAIL", BEN, "EMAIL", BEN + "@example.com", "PERSON_PAGE", 2),
                new Row(incident + ":r1:l2:team-" + PAYMENTS + "-1:SLACK", null, "SLACK",
                        "https://hooks.slack.com/services/T0/B0/pay" + RUN, "TEAM_POST", 2));
        List<TimelineEvent> timeline = TIMELINE.awaitType(incident, TimelineEventType.ESCALATED);
        TimelineEvent escalated = only(timeline, TimelineEventType.ESCALATED);
        assertThat(escalated.getAttributes()).containsEntry("level", "2").containsEntry("round", "1")
                .containsEntry("people", BEN).containsEntry("reason", "not acknowledged within 10 min of level 1");

        assertThat(post(router, "/api/v1/incidents/" + incident + "/acknowledge", "alice", null).statusCode()).isEqualTo(200);
        assertThat(escalation(database, incident)).containsEntry("status", "STOPPED").containsEntry("due_at", null);
        assertThat(notifications(database, incident)).hasSize(4);
    }

    @Test
    void aChannelThatKeepsFailingDoesNotStallTheEscalation() {
        String service = service("failing-channel", policy("failing-channel-" + RUN, PAYMENTS, 0,
                level(10, "PERSON", EVE), level(10, "PERSON", BEN)));

        UUID incident = open(alerts, database, service, Severity.CRITICAL);

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
        dueNow(database, incident);
        awaitNotifications(database, incident, 3);
        assertThat(notifications(database, incident)).extracting(Row::id)
                .contains(incident + ":r1:l2:" + BEN + ":EMAIL");
        assertThat(only(TIMELINE.awaitType(incident, TimelineEventType.ESCALATED), TimelineEventType.ESCALATED)
                .getAttributes()).containsEntry("level", "2").containsEntry("people", BEN);
    }

    @Test
    void repeatsTheChainThenStopsWithEscalationExhausted() {
        String service = service("repeat", policy("repeat-" + RUN, PAYMENTS, 1, level(5, "PERSON", BEN)));

        UUID incident = open(alerts, database, service, Severity.ERROR);
        awaitNotifications(database, incident, 1);
        dueNow(database, incident);
        awaitNotifications(database, incident, 2);
        dueNow(database, incident);

        List<TimelineEvent> timeline = TIMELINE.awaitType(incident, TimelineEventType.ESCALATION_EXHAUSTED);
        assertThat(notifications(database, incident)).extracting(Row::id)
                .containsExactlyInAnyOrder(incident + ":r1:l1:" + BEN + ":EMAIL", incident + ":r2:l1:" + BEN + ":EMAIL");
        assertThat(only(timeline, TimelineEventType.ESCALATED).getAttributes()).containsEntry("round", "2")
                .containsEntry("level", "1");
        assertThat(only(timeline, TimelineEventType.ESCALATION_EXHAUSTED).getAttributes())
                .containsEntry("policyId", "repeat-" + RUN).containsEntry("rounds", "2");
        assertThat(escalation(database, incident)).containsEntry("status", "EXHAUSTED");
    }

    @Test
    void aPolicyEditedMidWayChangesNothingAndContactRulesDelayAPage() {
        String policy = policy("edited-" + RUN, PAYMENTS, 0, level(10, "PERSON", CID), level(10, "PERSON", DAN));
        String service = service("edited", policy);
        String alice = TOKENS.person("alice");
        // dan's own rules, stored by an ops-admin: e-mail at once and again after five minutes.
        HttpResponse<String> rules = put(router, "/api/v1/people/" + DAN + "/notification-rules", "alice",
                "{\"rules\":[{\"channel\":\"EMAIL\",\"afterMinutes\":0},{\"channel\":\"EMAIL\",\"afterMinutes\":5}]}");
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);

        UUID incident = open(alerts, database, service, Severity.CRITICAL);
        awaitNotifications(database, incident, 1);
        JsonNode stored = registry.require(alice, "GET", "/api/v1/escalation-policies/" + policy, null);
        registry.require(alice, "PUT", "/api/v1/escalation-policies/" + policy, """
                {"id":"%s","name":"Edited","teamId":"%s","repeat":0,"version":%d,
                 "levels":[{"delayMinutes":1,"targets":[{"type":"PERSON","id":"%s"}]}]}"""
                .formatted(policy, PAYMENTS, stored.path("version").asLong(), ANN));

        dueNow(database, incident);
        awaitNotifications(database, incident, 3);
        assertThat(notifications(database, incident)).extracting(Row::id).containsExactlyInAnyOrder(
                incident + ":r1:l1:" + CID + ":EMAIL",
                incident + ":r1:l2:" + DAN + ":EMAIL",
                incident + ":r1:l2:" + DAN + ":EMAIL+5m");
        Long delayedBy = jdbc(database).sql("""
                SELECT CAST(extract(epoch FROM next_attempt_at - created_at) AS bigint) FROM notification
                WHERE notification_id = :id""").param("id", incident + ":r1:l2:" + DAN + ":EMAIL+5m").query(Long.class).single();
        assertThat(delayedBy).isBetween(299L, 301L);
        assertThat(escalation(database, incident).get("snapshot").toString()).contains(DAN).doesNotContain(ANN);
    }

    @Test
    void reassignRestartsTheEscalationOnTheNewTeamsPolicy() {
        String service = service("reassign", policy("reassign-" + RUN, PAYMENTS, 0, level(10, "PERSON", BEN)));

        UUID incident = open(alerts, database, service, Severity.CRITICAL);
        awaitNotifications(database, incident, 1);
        HttpResponse<String> reassigned = post(router, "/api/v1/incidents/" + incident + "/reassign", "alice",
                "{\"teamId\":\"" + IDENTITY + "\",\"reason\":\"login fails, not checkout\"}");
        assertThat(reassigned.statusCode()).as(reassigned.body()).isEqualTo(200);

        awaitNotifications(database, incident, 2);
        assertThat(notifications(database, incident)).extracting(Row::id).containsExactlyInAnyOrder(
                incident + ":r1:l1:" + BEN + ":EMAIL", incident + ":g2:r1:l1:" + CID + ":EMAIL");
        assertThat(escalation(database, incident)).containsEntry("team_id", IDENTITY).containsEntry("generation", 2);
    }

    @Test
    void aFailedRemediationPagesTheNextLevelAtOnceWithItsReason() {
        String service = service("remedied", policy("remedied-" + RUN, PAYMENTS, 0,
                level(30, "PERSON", BEN), level(30, "PERSON", CID)));

        UUID incident = open(alerts, database, service, Severity.CRITICAL);
        awaitNotifications(database, incident, 1);
        // What the remediation trigger publishes when its runbook failed (in its own transaction, as it would).
        router.context().getBean(org.springframework.transaction.support.TransactionTemplate.class).executeWithoutResult(
                tx -> router.context().publishEvent(new io.ownwatch.router.remediation.RemediationEvent.EscalationNeeded(
                        incident, "drain-queue", "failed: HTTP 500")));

        awaitNotifications(database, incident, 2);
        assertThat(notifications(database, incident)).extracting(Row::id).containsExactlyInAnyOrder(
                incident + ":r1:l1:" + BEN + ":EMAIL", incident + ":r1:l2:" + CID + ":EMAIL");
        assertThat(only(TIMELINE.awaitType(incident, TimelineEventType.ESCALATED), TimelineEventType.ESCALATED).getAttributes())
                .containsEntry("level", "2").containsEntry("reason", "remediation drain-queue: failed: HTTP 500");
    }

    @Test
    void anIncidentWithoutAServiceEscalatesByTheCatchAllPolicy() {
        UUID incident = open(alerts, database, "no-such-service-" + RUN, Severity.CRITICAL);

        awaitNotifications(database, incident, 1);
        assertThat(notifications(database, incident)).containsExactly(new Row(incident + ":r1:l1:" + CID + ":EMAIL", CID,
                "EMAIL", CID + "@example.com", "PERSON_PAGE", 1));
        assertThat(escalation(database, incident)).containsEntry("team_id", "operations").containsEntry("service_id", null);
        assertThat(escalation(database, incident).get("snapshot").toString()).contains("catch-all-" + RUN);
    }

    @Test
    void lowSeverityTellsTheTeamChannelOnlyAndPagesNobody() {
        String service = service("quiet", policy("quiet-" + RUN, PAYMENTS, 0, level(10, "PERSON", BEN)));

        UUID incident = open(alerts, database, service, Severity.WARNING);

        awaitNotifications(database, incident, 1);
        assertThat(notifications(database, incident)).containsExactly(new Row(incident + ":r1:l1:team-" + PAYMENTS + "-1:SLACK",
                null, "SLACK", "https://hooks.slack.com/services/T0/B0/pay" + RUN, "TEAM_POST", 1));
        assertThat(escalation(database, incident)).containsEntry("status", "STOPPED");
    }

    @Test
    void notificationRulesAreReadAndReplacedByThePersonOrAnOpsAdminWithClearErrors() {
        HttpResponse<String> fresh = get(router, "/api/v1/people/bob/notification-rules", "bob");
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fresh.body()).path("isDefault").asBoolean()).isTrue();

        HttpResponse<String> own = put(router, "/api/v1/people/bob/notification-rules", "bob",
                "{\"rules\":[{\"channel\":\"SLACK\",\"afterMinutes\":0},{\"channel\":\"EMAIL\",\"afterMinutes\":10}]}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        JsonNode read = JSON.readTree(get(router, "/api/v1/people/bob/notification-rules", "alice").body());
        assertThat(read.path("isDefault").asBoolean()).isFalse();
        assertThat(read.path("rules").get(1).path("afterMinutes").asInt()).isEqualTo(10);

        assertThat(put(router, "/api/v1/people/bob/notification-rules", "dave", "{\"rules\":[]}").statusCode()).isEqualTo(403);
        assertThat(get(router, "/api/v1/people/bob/notification-rules", "erin").statusCode()).isEqualTo(403);
        assertRefused(put(router, "/api/v1/people/bob/notification-rules", "bob",
                "{\"rules\":[{\"channel\":\"WEBHOOK\",\"afterMinutes\":0}]}"), "rules[0].channel");
        assertRefused(put(router, "/api/v1/people/bob/notification-rules", "bob",
                "{\"rules\":[{\"channel\":\"EMAIL\",\"afterMinutes\":-1}]}"), "rules[0].afterMinutes");
        assertRefused(put(router, "/api/v1/people/bob/notification-rules", "bob",
                "{\"rules\":[{\"channel\":\"EMAIL\",\"afterMinutes\":3},{\"channel\":\"EMAIL\",\"afterMinutes\":3}]}"), "rules[1]");
        assertRefused(put(router, "/api/v1/people/bob/notification-rules", "bob", "{}"), "rules");
        // Refused changes changed nothing.
        JsonNode after = JSON.readTree(get(router, "/api/v1/people/bob/notification-rules", "bob").body());
        assertThat(after.path("rules")).isEqualTo(read.path("rules"));
    }

    @Test
    void aDeadlineThatPassedWhileTheRouterWasDownFiresOnceWhenItComesBack() {
        String service = service("restart", policy("restart-" + RUN, PAYMENTS, 1, level(5, "PERSON", BEN)));
        String db = database + "_restart";
        String topic = alerts + "-restart";
        UUID incident;
        try (RouterForTests first = RouterForTests.start(db, topic, registry.baseUrl(), FAST)) {
            incident = open(topic, db, service, Severity.CRITICAL);
            awaitNotifications(db, incident, 1);
        }
        // Every router is down when the deadline passes.
        dueNow(db, incident);
        try (RouterForTests second = RouterForTests.start(db, topic, registry.baseUrl(), FAST)) {
            awaitNotifications(db, incident, 2);
            dueNow(db, incident);
            List<TimelineEvent> timeline = TIMELINE.awaitType(incident, TimelineEventType.ESCALATION_EXHAUSTED);
            assertThat(count(timeline, TimelineEventType.ESCALATED)).isEqualTo(1);
            assertThat(notifications(db, incident)).extracting(Row::id).containsExactlyInAnyOrder(
                    incident + ":r1:l1:" + BEN + ":EMAIL", incident + ":r2:l1:" + BEN + ":EMAIL");
        }
    }

    @Test
    void twoRouterInstancesOnOneDatabaseFireEachStepOnce() {
        String service = service("twice", policy("twice-" + RUN, PAYMENTS, 1, level(5, "PERSON", BEN)));
        String db = database + "_two";
        String topic = alerts + "-two";
        try (RouterForTests one = RouterForTests.start(db, topic, registry.baseUrl(), FAST);
                RouterForTests two = RouterForTests.start(db, topic, registry.baseUrl(), FAST)) {
            List<UUID> incidents = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                incidents.add(open(topic, db, service, Severity.CRITICAL));
            }
            incidents.forEach(incident -> awaitNotifications(db, incident, 1));
            incidents.forEach(incident -> dueNow(db, incident));
            incidents.forEach(incident -> awaitNotifications(db, incident, 2));
            incidents.forEach(incident -> dueNow(db, incident));
            for (UUID incident : incidents) {
                List<TimelineEvent> timeline = TIMELINE.awaitType(incident, TimelineEventType.ESCALATION_EXHAUSTED);
                assertThat(count(timeline, TimelineEventType.ESCALATED)).as("ESCALATED of " + incident).isEqualTo(1);
                assertThat(count(timeline, TimelineEventType.ESCALATION_EXHAUSTED)).isEqualTo(1);
            }
        }
    }

    @Test
    void aStepWhileTheRegistryIsDownIsRetriedAndRecordedOnceThenFiresWhenItIsBack() {
        String service = service("outage", policy("outage-" + RUN, PAYMENTS, 0, level(10, "PERSON", BEN), level(10, "PERSON", CID)));
        String db = database + "_down";
        String topic = alerts + "-down";
        int port = RegistryForTests.freePort();
        RegistryForTests own = RegistryForTests.start(port);
        try (RouterForTests down = RouterForTests.start(db, topic, own.baseUrl(), FAST)) {
            UUID incident = open(topic, db, service, Severity.CRITICAL);
            awaitNotifications(db, incident, 1);

            own.close();
            dueNow(db, incident);
            // (The level-1 e-mail's delivery failing - no SMTP server here - is a NOTIFICATION_FAILED of its own.)
            await().atMost(PATIENCE).until(() -> registryUnreachable(TIMELINE.of(incident)) == 1);
            // Tried again and again (the deadline pushed, never lost), recorded once.
            await().atMost(PATIENCE).until(() -> ((Number) escalation(db, incident).get("attempts")).intValue() >= 3);
            assertThat(notifications(db, incident)).hasSize(1);

            own = RegistryForTests.start(port);
            awaitNotifications(db, incident, 2);
            assertThat(notifications(db, incident)).extracting(Row::id).contains(incident + ":r1:l2:" + CID + ":EMAIL");
            List<TimelineEvent> timeline = TIMELINE.awaitType(incident, TimelineEventType.ESCALATED);
            assertThat(registryUnreachable(timeline)).isEqualTo(1);
        } finally {
            own.close();
        }
    }

    @Test
    void theStormGuardCapsPersonalPagesPerTeamAndMinuteAndSummarisesTheRest() {
        String service = service("storm", policy("storm-" + RUN, PAYMENTS, 0, level(10, "PERSON", BEN, "PERSON", CID)));
        String db = database + "_storm";
        String topic = alerts + "-storm";
        String[] capped = java.util.stream.Stream.concat(java.util.Arrays.stream(FAST),
                java.util.stream.Stream.of("--ownwatch.router.escalation.pages-per-team-per-minute=1")).toArray(String[]::new);
        try (RouterForTests storm = RouterForTests.start(db, topic, registry.baseUrl(), capped)) {
            List<UUID> incidents = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                UUID incident = open(topic, db, service, Severity.CRITICAL);
                incidents.add(incident);
                await().atMost(PATIENCE).until(() -> ((String) escalation(db, incident).get("status")).equals("RUNNING"));
            }
            JdbcClient jdbc = jdbc(db);
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

    private static String level(int delayMinutes, String... typesAndIds) {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i + 1 < typesAndIds.length; i += 2) {
            targets.add("{\"type\":\"%s\",\"id\":\"%s\"}".formatted(typesAndIds[i], typesAndIds[i + 1]));
        }
        return "{\"delayMinutes\":%d,\"targets\":[%s]}".formatted(delayMinutes, String.join(",", targets));
    }

    private static String policy(String id, String team, int repeat, String... levels) {
        registry.require(TOKENS.person("alice"), "POST", "/api/v1/escalation-policies", """
                {"id":"%s","name":"%s","teamId":"%s","repeat":%d,"levels":[%s]}"""
                .formatted(id, id, team, repeat, String.join(",", levels)));
        return id;
    }

    /** A payments service with this policy, matched by the alert label {@code service=<id>}. */
    private static String service(String name, String policy) {
        String id = name + "-" + RUN;
        registry.require(TOKENS.person("alice"), "POST", "/api/v1/services", """
                {"id":"%s","name":"%s","teamId":"%s","escalationPolicyId":"%s",
                 "labelMatchers":[{"label":"service","op":"EQUALS","value":"%s"}]}"""
                .formatted(id, name, PAYMENTS, policy, id));
        return id;
    }

    // --- alerts in, incidents, pages and timeline out ---

    private static UUID open(String topic, String db, String service, Severity severity) {
        String dedupKey = service + "-" + UUID.randomUUID();
        Instant now = Instant.now();
        AlertEvent event = AlertEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setDedupKey(dedupKey)
                .setSource(AlertSource.KAFKA)
                .setStatus(AlertStatus.FIRING)
                .setSeverity(severity)
                .setSummary("Checkout error rate above 5%")
                .setLabels(Map.of("alertname", "CheckoutErrors", "service", service))
                .setAnnotations(Map.of())
                .setStartsAt(now.minusSeconds(60))
                .setEndsAt(null)
                .setReceivedAt(now)
                .setGeneratorUrl(null)
                .setIntegrationId(null)
                .build();
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(Map.of("schema.registry.url", infra().schemaRegistryUrl()), false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra().kafkaBootstrapServers()), new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(topic, dedupKey, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return await().atMost(PATIENCE).until(() -> jdbc(db).sql("SELECT id FROM incident WHERE dedup_key = :key")
                .param("key", dedupKey).query(UUID.class).optional().orElse(null), Objects::nonNull);
    }

    /** A row of the page queue, as the delivery worker will read it. */
    record Row(String id, String personId, String channel, String address, String kind, int level) {
    }

    private static List<Row> notifications(String db, UUID incident) {
        return jdbc(db).sql("""
                SELECT notification_id, person_id, channel, address, kind, level FROM notification
                WHERE incident_id = :incident ORDER BY created_at, notification_id""")
                .param("incident", incident)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6)))
                .list();
    }

    private static String status(String db, String notificationId) {
        return jdbc(db).sql("SELECT status FROM notification WHERE notification_id = :id").param("id", notificationId)
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

    private static void awaitNotifications(String db, UUID incident, int atLeast) {
        await().atMost(PATIENCE).until(() -> notifications(db, incident).size() >= atLeast);
    }

    private static Map<String, Object> escalation(String db, UUID incident) {
        return jdbc(db).sql("SELECT * FROM escalation WHERE incident_id = :incident").param("incident", incident)
                .query().singleRow();
    }

    /** Moves the escalation's deadline to the database's now, as if its delay had passed. */
    private static void dueNow(String db, UUID incident) {
        int moved = jdbc(db).sql("""
                UPDATE escalation SET due_at = now() WHERE incident_id = :incident AND status IN ('PENDING', 'RUNNING')""")
                .param("incident", incident).update();
        assertThat(moved).as("a running escalation of " + incident).isEqualTo(1);
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

    // --- HTTP and the database ---

    private static void assertRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("errors").findValuesAsString("field")).contains(field);
    }

    private static HttpResponse<String> get(RouterForTests to, String path, String person) {
        return send(to, "GET", path, person, null);
    }

    private static HttpResponse<String> post(RouterForTests to, String path, String person, String body) {
        return send(to, "POST", path, person, body);
    }

    private static HttpResponse<String> put(RouterForTests to, String path, String person, String body) {
        return send(to, "PUT", path, person, body);
    }

    private static HttpResponse<String> send(RouterForTests to, String method, String path, String person, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.baseUrl() + path))
                .header("Authorization", "Bearer " + TOKENS.person(person))
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JdbcClient jdbc(String db) {
        return JdbcClient.create(new DriverManagerDataSource(infra().jdbcUrl(db), infra().databaseUsername(),
                infra().databasePassword()));
    }

    private static Infrastructure infra() {
        return TestInfrastructure.get();
    }
}
