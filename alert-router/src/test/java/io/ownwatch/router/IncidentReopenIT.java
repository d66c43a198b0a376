package io.ownwatch.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ownwatch.devstack.Infrastructure;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import io.ownwatch.schemas.serde.KafkaAvroSerializer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reopening a resolved incident and the reassignment's team check, on a real Kafka, PostgreSQL and the real
 * ownership-registry (an instance of this class's own, so a test can stop it and bring it back on the same address).
 * The router runs with escalation on and fast polling, so the restarted escalation shows as new rows of the page queue
 * ({@code notification}) within seconds; its membership answers are kept for 10 minutes, so a test may show that a
 * cached answer outlives the registry (the test that shows it runs first, while nobody's answer is cached).
 *
 * <p>The registry knows: team payments (bob) and identity (erin) from {@link PaymentsAndIdentity}, and a team of this
 * run, {@code reo-<run>} (bob), owning the service {@code reo-svc-<run>} whose escalation policy pages bob at level 1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentReopenIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final TimelineTopic TIMELINE = TimelineTopic.shared().patience(PATIENCE);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Tokens TOKENS = TestInfrastructure.tokens();
    private static final int REGISTRY_PORT = RegistryForTests.freePort();
    private static final String TEAM = "reo-" + RUN;
    private static final String SERVICE = "reo-svc-" + RUN;
    private static final String POLICY = "reo-chain-" + RUN;

    private static RegistryForTests registry;
    private static RouterForTests router;
    private static String database;
    private static String alerts;

    @BeforeAll
    static void start() {
        registry = RegistryForTests.start(REGISTRY_PORT);
        PaymentsAndIdentity.declare(registry, "pay-" + RUN);
        String alice = TOKENS.person("alice");
        registry.importBundle(alice, """
                apiVersion: ownwatch.io/v1
                kind: Team
                metadata: {id: %s, name: Reopen %s}
                spec: {members: [bob]}
                """.formatted(TEAM, RUN));
        registry.require(alice, "POST", "/api/v1/escalation-policies", """
                {"id":"%s","name":"%s","teamId":"%s","repeat":0,
                 "levels":[{"delayMinutes":10,"targets":[{"type":"PERSON","id":"bob"}]}]}"""
                .formatted(POLICY, POLICY, TEAM));
        registry.require(alice, "POST", "/api/v1/services", """
                {"id":"%s","name":"%s","teamId":"%s","escalationPolicyId":"%s",
                 "labelMatchers":[{"label":"service","op":"EQUALS","value":"%s"}]}"""
                .formatted(SERVICE, SERVICE, TEAM, POLICY, SERVICE));
        database = "router_reopen_" + RUN.replace('-', '_');
        alerts = "alerts-reopen-" + RUN;
        router = RouterForTests.start(database, alerts, registry.baseUrl(),
                "--ownwatch.router.escalation.enabled=true",
                "--ownwatch.router.escalation.poll-every=200ms",
                "--ownwatch.router.escalation.retry-initial=300ms",
                "--ownwatch.router.escalation.retry-max=1s",
                "--ownwatch.router.notification.poll-interval=200ms",
                "--ownwatch.router.notification.max-attempts=1",
                "--ownwatch.router.ownership.membership-cache-ttl=10m");
    }

    @AfterEach
    void registryBack() {
        if (registry == null) {
            registry = RegistryForTests.start(REGISTRY_PORT);
        }
    }

    @AfterAll
    static void stop() {
        if (router != null) {
            router.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    // --- reopen -------------------------------------------------------------------------------------

    @Test
    void aResponderReopensAResolvedIncidentWhichEscalatesAgainAndTakesItsAlertsNextTrigger() {
        String key = RUN + "-happy";
        send(firing(key, SERVICE, "CheckoutErrors"));
        UUID id = awaitIncident(key);
        awaitNotification(id, id + ":r1:l1:bob:EMAIL");
        send(resolved(key, SERVICE, "CheckoutErrors"));
        await().atMost(PATIENCE).until(() -> "RESOLVED".equals(incident(id).get("status").stringValue()));
        assertThat(escalation(id)).containsEntry("status", "STOPPED");

        HttpResponse<String> reopened = post("/api/v1/incidents/" + id + "/reopen", "bob",
                "{\"reason\": \"customers still see failed checkouts\"}");

        assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(reopened.body());
        assertThat(answer.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(answer.path("resolvedAt").isNull() || answer.path("resolvedAt").isMissingNode()).isTrue();
        assertThat(answer.path("acknowledgedBy").isNull() || answer.path("acknowledgedBy").isMissingNode()).isTrue();
        JsonNode incident = incident(id);
        assertThat(incident.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(incident.get("alerts")).singleElement()
                .satisfies(alert -> assertThat(alert.get("status").stringValue()).as("firing again").isEqualTo("FIRING"));
        TimelineEvent reopenedEntry = only(TIMELINE.awaitType(id, TimelineEventType.REOPENED), TimelineEventType.REOPENED);
        assertThat(reopenedEntry.getActor().getKind()).isEqualTo(ActorKind.PERSON);
        assertThat(reopenedEntry.getActor().getId()).isEqualTo("bob");
        assertThat(reopenedEntry.getAttributes()).containsEntry("reason", "customers still see failed checkouts")
                .containsKey("resolvedAt");
        assertThat(reopenedEntry.getTeamId()).isEqualTo(TEAM);

        // The escalation starts over from level 1 of the team's policy: bob is paged again, under a new generation.
        awaitNotification(id, id + ":g2:r1:l1:bob:EMAIL");
        assertThat(escalation(id)).containsEntry("generation", 2).containsEntry("team_id", TEAM);

        // The alert is the reopened incident's again: its next trigger joins it, no second incident.
        send(firing(key, SERVICE, "CheckoutErrors"));
        await().atMost(PATIENCE).until(() -> incident(id).get("alertCount").asInt() == 2);
        assertThat(incidentsOf(key)).containsExactly(id.toString());

        // It resolves by itself once its sender reports the alert resolved again.
        send(resolved(key, SERVICE, "CheckoutErrors"));
        await().atMost(PATIENCE).until(() -> "RESOLVED".equals(incident(id).get("status").stringValue()));
        assertThat(escalation(id)).containsEntry("status", "STOPPED");
    }

    @Test
    void refusesToReopenAnOpenIncidentAndChangesNothing() {
        String key = RUN + "-open";
        send(firing(key, SERVICE, "QueueBacklog"));
        UUID id = awaitIncident(key);

        assertProblem(post("/api/v1/incidents/" + id + "/reopen", "alice", ""), 409, "incident-not-resolved");
        assertProblem(post("/api/v1/incidents/" + UUID.randomUUID() + "/reopen", "alice", ""), 404, "incident-not-found");
        assertThat(post("/api/v1/incidents/" + id + "/reopen", "alice", "{\"reason\": \"" + "x".repeat(1001) + "\"}")
                .statusCode()).as("reason too long").isEqualTo(400);
        assertThat(incident(id).get("status").stringValue()).isEqualTo("OPEN");
        assertThat(TIMELINE.of(id)).extracting(TimelineEvent::getType).doesNotContain(TimelineEventType.REOPENED);
    }

    @Test
    void refusesToReopenAfterTheWindowNamingIt() {
        String key = RUN + "-late";
        send(firing(key, SERVICE, "DiskFull"));
        UUID id = awaitIncident(key);
        assertThat(post("/api/v1/incidents/" + id + "/resolve", "alice", "").statusCode()).isEqualTo(200);
        // As if it had been resolved a day and an hour ago: the reopen window (24h) has passed.
        jdbc().sql("UPDATE incident SET resolved_at = now() - interval '25 hours' WHERE id = :id").param("id", id).update();

        HttpResponse<String> refused = post("/api/v1/incidents/" + id + "/reopen", "bob", "");

        JsonNode problem = assertProblem(refused, 409, "reopen-window-closed");
        assertThat(problem.get("reopenWindow").stringValue()).isEqualTo("PT24H");
        assertThat(problem.get("detail").stringValue()).contains("PT24H");
        assertThat(incident(id).get("status").stringValue()).isEqualTo("RESOLVED");
        assertThat(TIMELINE.of(id)).extracting(TimelineEvent::getType).doesNotContain(TimelineEventType.REOPENED);
    }

    @Test
    void refusesToReopenWhenANewerOpenIncidentHoldsOneOfItsAlertsNamingThatIncident() {
        String first = RUN + "-held-a";
        String second = RUN + "-held-b";
        send(firing(first, SERVICE, "Latency"), firing(second, SERVICE, "Latency"));
        UUID id = awaitIncident(first);
        await().atMost(PATIENCE).until(() -> incident(id).get("alerts").size() == 2);
        assertThat(post("/api/v1/incidents/" + id + "/resolve", "alice", "").statusCode()).isEqualTo(200);
        // A later trigger of one of its alerts opens a new incident (triggers never reopen).
        send(firing(second, SERVICE, "Latency"));
        UUID newer = await().atMost(PATIENCE).until(() -> incidentsOf(second).stream().map(UUID::fromString)
                .filter(found -> !found.equals(id)).findFirst().orElse(null), Objects::nonNull);

        HttpResponse<String> refused = post("/api/v1/incidents/" + id + "/reopen", "bob", "{\"reason\": \"not over\"}");

        JsonNode problem = assertProblem(refused, 409, "alert-held-by-open-incident");
        assertThat(problem.get("incidentId").stringValue()).isEqualTo(newer.toString());
        assertThat(problem.get("dedupKey").stringValue()).isEqualTo(second);
        assertThat(problem.get("detail").stringValue()).contains(newer.toString());
        assertThat(incident(id).get("status").stringValue()).isEqualTo("RESOLVED");
        assertThat(incident(newer).get("status").stringValue()).isEqualTo("OPEN");

        // Once the newer incident is resolved, the old one may be reopened, and it holds both alerts again.
        assertThat(post("/api/v1/incidents/" + newer + "/resolve", "alice", "").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/incidents/" + id + "/reopen", "bob", "").statusCode()).isEqualTo(200);
        send(firing(second, SERVICE, "Latency"));
        await().atMost(PATIENCE).until(() -> incident(id).get("alertCount").asInt() == 3);
        assertThat(incidentsOf(second)).hasSize(2);
    }

    @Test
    void onlyRespondersOfTheOwningTeamAndOpsAdminsMayReopen() {
        String key = RUN + "-who";
        send(firing(key, SERVICE, "Saturation"));
        UUID id = awaitIncident(key);
        assertThat(post("/api/v1/incidents/" + id + "/resolve", "bob", "").statusCode()).isEqualTo(200);
        String path = "/api/v1/incidents/" + id + "/reopen";

        assertThat(post(path, "erin", "").statusCode()).as("erin is a responder of another team").isEqualTo(403);
        assertThat(post(path, "dave", "").statusCode()).as("viewer").isEqualTo(403);
        assertThat(post(path, "carol", "").statusCode()).as("support").isEqualTo(403);
        assertThat(post(path, null, "").statusCode()).isEqualTo(401);
        assertThat(incident(id).get("status").stringValue()).isEqualTo("RESOLVED");

        assertThat(post(path, "alice", "").statusCode()).isEqualTo(200);
        TimelineEvent entry = only(TIMELINE.awaitType(id, TimelineEventType.REOPENED), TimelineEventType.REOPENED);
        assertThat(entry.getActor().getId()).isEqualTo("alice");
        assertThat(entry.getAttributes()).doesNotContainKey("reason");
    }

    // --- reassign's team check and the membership cache ----------------------------------------------

    /** First, because it needs a person (erin) whose membership this router has never asked: nothing cached yet. */
    @Test
    @Order(1)
    void reassignRefusesATeamTheRegistryDoesNotKnowAndAnswers503WhileTheRegistryIsDown() {
        String key = RUN + "-reassign";
        send(firing(key, SERVICE, "Errors"));
        UUID id = awaitIncident(key);
        String path = "/api/v1/incidents/" + id + "/reassign";

        HttpResponse<String> unknown = post(path, "alice", "{\"teamId\": \"no-such-team-" + RUN + "\"}");
        JsonNode problem = assertProblem(unknown, 400, "unknown-team");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("teamId");
        assertThat(problem.get("detail").stringValue()).contains("no-such-team-" + RUN);
        // bob asks the registry for his teams once here (the request is refused for the team, after that look-up).
        assertThat(post(path, "bob", "{\"teamId\": \"no-such-team-" + RUN + "\"}").statusCode()).isEqualTo(400);

        registry.close();
        registry = null;
        HttpResponse<String> down = post(path, "alice", "{\"teamId\": \"identity\"}");
        assertProblem(down, 503, "registry-unavailable");
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        // bob's membership is still the cached answer, erin's was never asked and a failure is never cached.
        assertThat(post("/api/v1/incidents/" + id + "/notes", "bob", "{\"text\": \"looking\"}").statusCode())
                .as("cached membership").isEqualTo(200);
        assertProblem(post("/api/v1/incidents/" + id + "/acknowledge", "erin", ""), 503, "membership-unavailable");

        JsonNode incident = incident(id);
        assertThat(incident.get("teamId").stringValue()).isEqualTo(TEAM);
        assertThat(incident.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(TIMELINE.of(id)).extracting(TimelineEvent::getType).doesNotContain(TimelineEventType.REASSIGNED);

        registry = RegistryForTests.start(REGISTRY_PORT);
        assertThat(post("/api/v1/incidents/" + id + "/acknowledge", "erin", "").statusCode())
                .as("the registry answers again: erin is not in the team").isEqualTo(403);
        HttpResponse<String> reassigned = post(path, "alice", "{\"teamId\": \"identity\", \"reason\": \"login\"}");
        assertThat(reassigned.statusCode()).as(reassigned.body()).isEqualTo(200);
        assertThat(incident(id).get("teamId").stringValue()).isEqualTo("identity");
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static AlertEvent firing(String dedupKey, String service, String alertname) {
        Instant now = Instant.now();
        return AlertEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setDedupKey(dedupKey)
                .setSource(AlertSource.KAFKA)
                .setStatus(AlertStatus.FIRING)
                .setSeverity(Severity.CRITICAL)
                .setSummary(alertname + " on " + service)
                .setLabels(Map.of("service", service, "alertname", alertname + "-" + RUN))
                .setAnnotations(Map.of())
                .setStartsAt(now.minusSeconds(60))
                .setEndsAt(null)
                .setReceivedAt(now)
                .setGeneratorUrl(null)
                .setIntegrationId(null)
                .build();
    }

    private static AlertEvent resolved(String dedupKey, String service, String alertname) {
        return AlertEvent.newBuilder(firing(dedupKey, service, alertname))
                .setStatus(AlertStatus.RESOLVED).setEndsAt(Instant.now()).build();
    }

    /** Sends in order and waits for the broker's acknowledgement of each. */
    private static void send(AlertEvent... events) {
        KafkaAvroSerializer values = new KafkaAvroSerializer();
        values.configure(Map.of("schema.registry.url", infra().schemaRegistryUrl()), false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), values)) {
            for (AlertEvent event : events) {
                producer.send(new ProducerRecord<>(alerts, event.getDedupKey(), event)).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first incident that held the dedup key. */
    private static UUID awaitIncident(String dedupKey) {
        return await().atMost(PATIENCE).until(() -> {
            List<String> found = incidentsOf(dedupKey);
            return found.isEmpty() ? null : UUID.fromString(found.get(found.size() - 1));
        }, Objects::nonNull);
    }

    /** Ids of the incidents that held the dedup key, newest first, read as dave (a viewer). */
    private static List<String> incidentsOf(String dedupKey) {
        HttpResponse<String> response = get("/api/v1/incidents?dedupKey=" + dedupKey, "dave");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.body()).values().forEach(incident -> ids.add(incident.get("id").stringValue()));
        return ids;
    }

    private static JsonNode incident(UUID id) {
        HttpResponse<String> response = get("/api/v1/incidents/" + id, "dave");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void awaitNotification(UUID incident, String notificationId) {
        await().atMost(PATIENCE).until(() -> jdbc().sql("""
                SELECT count(*) FROM notification WHERE incident_id = :incident AND notification_id = :id""")
                .param("incident", incident).param("id", notificationId).query(Long.class).single() == 1);
    }

    private static Map<String, Object> escalation(UUID incident) {
        return jdbc().sql("SELECT * FROM escalation WHERE incident_id = :incident").param("incident", incident)
                .query().singleRow();
    }

    private static TimelineEvent only(List<TimelineEvent> timeline, TimelineEventType type) {
        List<TimelineEvent> of = timeline.stream().filter(e -> e.getType() == type).toList();
        assertThat(of).as(type + " on " + TimelineTopic.types(timeline)).hasSize(1);
        return of.get(0);
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").stringValue()).isEqualTo("https://ownwatch.io/problems/" + type);
        return problem;
    }

    private static HttpResponse<String> get(String path, String person) {
        return TestHttp.send(request(path, person).GET().build());
    }

    private static HttpResponse<String> post(String path, String person, String json) {
        return TestHttp.send(request(path, person).header("Content-Type", "application/json")
                .POST(json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static HttpRequest.Builder request(String path, String person) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(router.baseUrl() + path))
                .header("Accept", "application/json, application/problem+json");
        if (person != null) {
            request.header("Authorization", "Bearer " + TOKENS.person(person));
        }
        return request;
    }

    private static JdbcClient jdbc() {
        return JdbcClient.create(new DriverManagerDataSource(infra().jdbcUrl(database), infra().databaseUsername(),
                infra().databasePassword()));
    }

    private static Infrastructure infra() {
        return TestInfrastructure.get();
    }
}
