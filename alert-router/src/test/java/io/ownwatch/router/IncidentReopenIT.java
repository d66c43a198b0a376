package io.ownwatch.router;

import static io.ownwatch.router.RouterApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
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
    private static final String TEAM = "reo-" + RUN;
    private static final String SERVICE = "reo-svc-" + RUN;
    private static final String POLICY = "reo-chain-" + RUN;

    @RegisterExtension
    static final RestartableRegistry REGISTRY = new RestartableRegistry();
    @RegisterExtension
    static final RouterFixture.PerClass ROUTER = new RouterFixture.PerClass();
    private static RouterFixture router;
    private static RouterApi api;
    private static RouterDatabase db;

    @BeforeAll
    static void start() {
        RegistryForTests registry = REGISTRY.get();
        PaymentsAndIdentity.declare(registry, "pay-" + RUN);
        registry.importBundle(TestInfrastructure.tokens().person("alice"), """
                apiVersion: ownwatch.io/v1
                kind: Team
                metadata: {id: %s, name: Reopen %s}
                spec: {members: [bob]}
                """.formatted(TEAM, RUN));
        registry.policy(POLICY, TEAM, 0, RegistryForTests.level(10, "PERSON", "bob"));
        registry.service(SERVICE, SERVICE, TEAM, POLICY);
        router = ROUTER.start("reopen", RUN, PATIENCE, REGISTRY.baseUrl(),
                "--ownwatch.router.escalation.enabled=true",
                "--ownwatch.router.escalation.poll-every=200ms",
                "--ownwatch.router.escalation.retry-initial=300ms",
                "--ownwatch.router.escalation.retry-max=1s",
                "--ownwatch.router.notification.poll-interval=200ms",
                "--ownwatch.router.notification.max-attempts=1",
                "--ownwatch.router.ownership.membership-cache-ttl=10m");
        api = router.api();
        db = router.database();
    }

    // --- reopen -------------------------------------------------------------------------------------

    @Test
    void aResponderReopensAResolvedIncidentWhichEscalatesAgainAndTakesItsAlertsNextTrigger() {
        String key = RUN + "-happy";
        router.send(firing(key, SERVICE, "CheckoutErrors"));
        UUID id = awaitIncident(key);
        db.awaitNotification(id, id + ":r1:l1:bob:EMAIL");
        router.send(resolved(key, SERVICE, "CheckoutErrors"));
        await().atMost(PATIENCE).until(() -> "RESOLVED".equals(api.incident(id).get("status").stringValue()));
        assertThat(db.escalation(id)).containsEntry("status", "STOPPED");

        HttpResponse<String> reopened = api.post("/api/v1/incidents/" + id + "/reopen", "bob",
                "{\"reason\": \"customers still see failed checkouts\"}");

        assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(reopened.body());
        assertThat(answer.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(answer.path("resolvedAt").isNull() || answer.path("resolvedAt").isMissingNode()).isTrue();
        assertThat(answer.path("acknowledgedBy").isNull() || answer.path("acknowledgedBy").isMissingNode()).isTrue();
        JsonNode incident = api.incident(id);
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
        db.awaitNotification(id, id + ":g2:r1:l1:bob:EMAIL");
        assertThat(db.escalation(id)).containsEntry("generation", 2).containsEntry("team_id", TEAM);

        // The alert is the reopened incident's again: its next trigger joins it, no second incident.
        router.send(firing(key, SERVICE, "CheckoutErrors"));
        await().atMost(PATIENCE).until(() -> api.incident(id).get("alertCount").asInt() == 2);
        assertThat(incidentsOf(key)).containsExactly(id.toString());

        // It resolves by itself once its sender reports the alert resolved again.
        router.send(resolved(key, SERVICE, "CheckoutErrors"));
        await().atMost(PATIENCE).until(() -> "RESOLVED".equals(api.incident(id).get("status").stringValue()));
        assertThat(db.escalation(id)).containsEntry("status", "STOPPED");
    }

    @Test
    void refusesToReopenAnOpenIncidentAndChangesNothing() {
        String key = RUN + "-open";
        router.send(firing(key, SERVICE, "QueueBacklog"));
        UUID id = awaitIncident(key);

        assertProblem(api.post("/api/v1/incidents/" + id + "/reopen", "alice", ""), 409, "incident-not-resolved");
        assertProblem(api.post("/api/v1/incidents/" + UUID.randomUUID() + "/reopen", "alice", ""), 404, "incident-not-found");
        assertThat(api.post("/api/v1/incidents/" + id + "/reopen", "alice", "{\"reason\": \"" + "x".repeat(1001) + "\"}")
                .statusCode()).as("reason too long").isEqualTo(400);
        assertThat(api.incident(id).get("status").stringValue()).isEqualTo("OPEN");
        assertThat(TIMELINE.of(id)).extracting(TimelineEvent::getType).doesNotContain(TimelineEventType.REOPENED);
    }

    @Test
    void refusesToReopenAfterTheWindowNamingIt() {
        String key = RUN + "-late";
        router.send(firing(key, SERVICE, "DiskFull"));
        UUID id = awaitIncident(key);
        assertThat(api.post("/api/v1/incidents/" + id + "/resolve", "alice", "").statusCode()).isEqualTo(200);
        // As if it had been resolved a day and an hour ago: the reopen window (24h) has passed.
        db.jdbc().sql("UPDATE incident SET resolved_at = now() - interval '25 hours' WHERE id = :id").param("id", id).update();

        HttpResponse<String> refused = api.post("/api/v1/incidents/" + id + "/reopen", "bob", "");

        JsonNode problem = assertProblem(refused, 409, "reopen-window-closed");
        assertThat(problem.get("reopenWindow").stringValue()).isEqualTo("PT24H");
        assertThat(problem.get("detail").stringValue()).contains("PT24H");
        assertThat(api.incident(id).get("status").stringValue()).isEqualTo("RESOLVED");
        assertThat(TIMELINE.of(id)).extracting(TimelineEvent::getType).doesNotContain(TimelineEventType.REOPENED);
    }

    @Test
    void refusesToReopenWhenANewerOpenIncidentHoldsOneOfItsAlertsNamingThatIncident() {
        String first = RUN + "-held-a";
        String second = RUN + "-held-b";
        router.send(firing(first, SERVICE, "Latency"), firing(second, SERVICE, "Latency"));
        UUID id = awaitIncident(first);
        await().atMost(PATIENCE).until(() -> api.incident(id).get("alerts").size() == 2);
        assertThat(api.post("/api/v1/incidents/" + id + "/resolve", "alice", "").statusCode()).isEqualTo(200);
        // A later trigger of one of its alerts opens a new incident (triggers never reopen).
        router.send(firing(second, SERVICE, "Latency"));
        UUID newer = await().atMost(PATIENCE).until(() -> incidentsOf(second).stream().map(UUID::fromString)
                .filter(found -> !found.equals(id)).findFirst().orElse(null), Objects::nonNull);

        HttpResponse<String> refused = api.post("/api/v1/incidents/" + id + "/reopen", "bob", "{\"reason\": \"not over\"}");

        JsonNode problem = assertProblem(refused, 409, "alert-held-by-open-incident");
        assertThat(problem.get("incidentId").stringValue()).isEqualTo(newer.toString());
        assertThat(problem.get("dedupKey").stringValue()).isEqualTo(second);
        assertThat(problem.get("detail").stringValue()).contains(newer.toString());
        assertThat(api.incident(id).get("status").stringValue()).isEqualTo("RESOLVED");
        assertThat(api.incident(newer).get("status").stringValue()).isEqualTo("OPEN");

        // Once the newer incident is resolved, the old one may be reopened, and it holds both alerts again.
        assertThat(api.post("/api/v1/incidents/" + newer + "/resolve", "alice", "").statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/incidents/" + id + "/reopen", "bob", "").statusCode()).isEqualTo(200);
        router.send(firing(second, SERVICE, "Latency"));
        await().atMost(PATIENCE).until(() -> api.incident(id).get("alertCount").asInt() == 3);
        assertThat(incidentsOf(second)).hasSize(2);
    }

    @Test
    void onlyRespondersOfTheOwningTeamAndOpsAdminsMayReopen() {
        String key = RUN + "-who";
        router.send(firing(key, SERVICE, "Saturation"));
        UUID id = awaitIncident(key);
        assertThat(api.post("/api/v1/incidents/" + id + "/resolve", "bob", "").statusCode()).isEqualTo(200);
        String path = "/api/v1/incidents/" + id + "/reopen";

        assertThat(api.post(path, "erin", "").statusCode()).as("erin is a responder of another team").isEqualTo(403);
        assertThat(api.post(path, "dave", "").statusCode()).as("viewer").isEqualTo(403);
        assertThat(api.post(path, "carol", "").statusCode()).as("support").isEqualTo(403);
        assertThat(api.post(path, null, "").statusCode()).isEqualTo(401);
        assertThat(api.incident(id).get("status").stringValue()).isEqualTo("RESOLVED");

        assertThat(api.post(path, "alice", "").statusCode()).isEqualTo(200);
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
        router.send(firing(key, SERVICE, "Errors"));
        UUID id = awaitIncident(key);
        String path = "/api/v1/incidents/" + id + "/reassign";

        HttpResponse<String> unknown = api.post(path, "alice", "{\"teamId\": \"no-such-team-" + RUN + "\"}");
        JsonNode problem = assertProblem(unknown, 400, "unknown-team");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("teamId");
        assertThat(problem.get("detail").stringValue()).contains("no-such-team-" + RUN);
        // bob asks the registry for his teams once here (the request is refused for the team, after that look-up).
        assertThat(api.post(path, "bob", "{\"teamId\": \"no-such-team-" + RUN + "\"}").statusCode()).isEqualTo(400);

        REGISTRY.stop();
        HttpResponse<String> down = api.post(path, "alice", "{\"teamId\": \"identity\"}");
        assertProblem(down, 503, "registry-unavailable");
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        // bob's membership is still the cached answer, erin's was never asked and a failure is never cached.
        assertThat(api.post("/api/v1/incidents/" + id + "/notes", "bob", "{\"text\": \"looking\"}").statusCode())
                .as("cached membership").isEqualTo(200);
        assertProblem(api.post("/api/v1/incidents/" + id + "/acknowledge", "erin", ""), 503, "membership-unavailable");

        JsonNode incident = api.incident(id);
        assertThat(incident.get("teamId").stringValue()).isEqualTo(TEAM);
        assertThat(incident.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(TIMELINE.of(id)).extracting(TimelineEvent::getType).doesNotContain(TimelineEventType.REASSIGNED);

        REGISTRY.start();
        assertThat(api.post("/api/v1/incidents/" + id + "/acknowledge", "erin", "").statusCode())
                .as("the registry answers again: erin is not in the team").isEqualTo(403);
        HttpResponse<String> reassigned = api.post(path, "alice", "{\"teamId\": \"identity\", \"reason\": \"login\"}");
        assertThat(reassigned.statusCode()).as(reassigned.body()).isEqualTo(200);
        assertThat(api.incident(id).get("teamId").stringValue()).isEqualTo("identity");
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static AlertEvent firing(String dedupKey, String service, String alertname) {
        return TestAlerts.firing(dedupKey, Severity.CRITICAL, alertname + " on " + service,
                Map.of("service", service, "alertname", alertname + "-" + RUN));
    }

    private static AlertEvent resolved(String dedupKey, String service, String alertname) {
        return TestAlerts.resolved(firing(dedupKey, service, alertname));
    }

    /** The first incident that held the dedup key. */
    private static UUID awaitIncident(String dedupKey) {
        return await().atMost(PATIENCE).until(() -> {
            List<String> found = incidentsOf(dedupKey);
            return found.isEmpty() ? null : UUID.fromString(found.get(found.size() - 1));
        }, Objects::nonNull);
    }

    /** Ids of the incidents that held the dedup key, newest first. */
    private static List<String> incidentsOf(String dedupKey) {
        return api.incidents(dedupKey).stream().map(incident -> incident.get("id").stringValue()).toList();
    }

    private static TimelineEvent only(List<TimelineEvent> timeline, TimelineEventType type) {
        List<TimelineEvent> of = timeline.stream().filter(e -> e.getType() == type).toList();
        assertThat(of).as(type + " on " + TimelineTopic.types(timeline)).hasSize(1);
        return of.get(0);
    }
}
