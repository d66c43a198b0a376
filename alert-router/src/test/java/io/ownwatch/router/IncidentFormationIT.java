package io.ownwatch.router;

import static io.ownwatch.router.RouterApi.assertInvalid;
import static io.ownwatch.router.TimelineTopic.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ownwatch.events.ActorKind;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertSource;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Incident formation and the responder API on a real Kafka, schema registry and PostgreSQL (devstack). Alerts go
 * onto alerts.v1 as Avro, as monitoring systems may send them; what a user sees is asserted through the HTTP API and
 * on incident.timeline.v1. The ownership registry is the real one, an instance of this class's own (so that a test can
 * stop it and bring it back on the same address), declaring the services each test alerts on: {@code pay-*} belong to
 * team payments, {@code id-*} to identity; bob is in payments, erin in identity ({@link PaymentsAndIdentity}).
 *
 * <p>This context has a database and a consumer group of its own, so that the other ITs' router in the same JVM
 * (another configuration, same topic) never routes these alerts for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=alert-router")
class IncidentFormationIT {

    private static final String ALERTS = "alerts.v1";
    private static final TimelineTopic TIMELINE = TimelineTopic.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.shared();

    @RegisterExtension
    static final RestartableRegistry REGISTRY = new RestartableRegistry();

    private String run;
    private RouterApi api;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RouterProperties.add(registry, "router_formation", REGISTRY.baseUrl());
        registry.add("spring.cloud.stream.bindings.routeAlert-in-0.group", () -> "alert-router-formation-it");
        // A test stops the registry and expects a responder's membership to be unknown: no cached answer may outlive it.
        registry.add("ownwatch.router.ownership.membership-cache-ttl", () -> "0s");
    }

    @BeforeEach
    void newRun() {
        api = RouterApi.onPort(port).patience(PATIENCE);
        run = UUID.randomUUID().toString().substring(0, 8);
        PaymentsAndIdentity.declare(REGISTRY.get(), "pay-" + run, "id-" + run);
    }

    // --- formation -----------------------------------------------------------------------------

    @Test
    void groupsTwoAlertsWithTheSameServiceAndAlertnameIntoOneIncident() throws Exception {
        String service = "pay-" + run;
        send(firing(run + "-a", service, "HighErrorRate", Severity.ERROR));
        String id = api.awaitIncident(run + "-a", i -> true).get("id").stringValue();
        send(firing(run + "-b", service, "HighErrorRate", Severity.CRITICAL));

        JsonNode incident = eventually(() -> api.get("/api/v1/incidents/" + id, "dave"),
                i -> i.get("alerts").size() == 2);
        assertThat(incident.get("teamId").stringValue()).isEqualTo("payments");
        assertThat(incident.get("serviceId").stringValue()).isEqualTo(service);
        assertThat(incident.get("alertCount").asInt()).isEqualTo(2);
        assertThat(incident.get("severity").stringValue()).as("the worst of its alerts").isEqualTo("CRITICAL");
        assertThat(incident.get("groupKey").stringValue()).isEqualTo("service=" + service + ",alertname=HighErrorRate");
        assertThat(api.awaitIncident(run + "-b", i -> true).get("id").stringValue()).isEqualTo(id);
        List<TimelineEvent> timeline = TIMELINE.awaitExactly(id, 3);
        assertThat(types(timeline)).containsExactly(TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_RESOLVED,
                TimelineEventType.ALERT_GROUPED);
        assertThat(timeline.get(2).getAttributes()).containsEntry("dedupKey", run + "-b").containsEntry("alertCount", "2");
        assertThat(timeline).extracting(TimelineEvent::getSequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aDeduplicationStormIsOneIncidentWithItsCountAndOneTimelineNote() throws Exception {
        String key = run + "-storm";
        Instant start = Instant.now();
        List<AlertEvent> storm = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            storm.add(AlertEvent.newBuilder(firing(key, "pay-" + run, "QueueBacklog", Severity.ERROR))
                    .setReceivedAt(start.plusMillis(i * 100L)).build());
        }
        send(storm.toArray(AlertEvent[]::new));

        JsonNode incident = api.awaitIncident(key, i -> i.get("alertCount").asInt() == 60);
        assertThat(api.incidents(key)).hasSize(1);
        JsonNode details = api.get("/api/v1/incidents/" + incident.get("id").stringValue(), "dave");
        assertThat(details.get("alerts")).singleElement().satisfies(alert -> {
            assertThat(alert.get("dedupKey").stringValue()).isEqualTo(key);
            assertThat(alert.get("count").asInt()).isEqualTo(60);
            assertThat(alert.get("status").stringValue()).isEqualTo("FIRING");
        });
        List<TimelineEvent> timeline = TIMELINE.awaitExactly(incident.get("id").stringValue(), 3);
        assertThat(types(timeline)).as("59 repeats within a minute: one note").containsExactly(
                TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_RESOLVED, TimelineEventType.ALERT_DEDUPLICATED);
    }

    @Test
    void resolvesWhenEveryAlertHasResolvedAndATriggerAfterwardsOpensANewIncident() throws Exception {
        String service = "pay-" + run;
        send(firing(run + "-a", service, "Down", Severity.ERROR), firing(run + "-b", service, "Down", Severity.ERROR));
        String id = api.awaitIncident(run + "-b", i -> i.get("alertCount").asInt() == 2).get("id").stringValue();

        send(resolved(run + "-a", service, "Down"));
        eventually(() -> api.get("/api/v1/incidents/" + id, "dave"), i -> "RESOLVED".equals(i.get("alerts").get(0).get("status").stringValue()));
        assertThat(api.get("/api/v1/incidents/" + id, "dave").get("status").stringValue()).as("b still fires").isEqualTo("OPEN");

        send(resolved(run + "-b", service, "Down"));
        JsonNode incident = eventually(() -> api.get("/api/v1/incidents/" + id, "dave"), i -> "RESOLVED".equals(i.get("status").stringValue()));
        assertThat(incident.get("resolvedAt").isNull()).isFalse();
        assertThat(types(TIMELINE.awaitExactly(id, 4))).containsExactly(TimelineEventType.INCIDENT_OPENED,
                TimelineEventType.OWNER_RESOLVED, TimelineEventType.ALERT_GROUPED, TimelineEventType.RESOLVED);

        send(firing(run + "-a", service, "Down", Severity.ERROR));
        JsonNode reopened = api.awaitIncident(run + "-a", i -> !i.get("id").stringValue().equals(id));
        assertThat(reopened.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(api.incidents(run + "-a")).hasSize(2);
        assertThat(types(TIMELINE.awaitExactly(reopened.get("id").stringValue(), 2)))
                .containsExactly(TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_RESOLVED);
    }

    @Test
    void aSendersAcknowledgementAcknowledgesTheIncidentInTheIntegrationsName() throws Exception {
        String service = "ack-" + run;
        send(firing(run + "-ack", service, "Down", Severity.ERROR));
        String id = api.awaitIncident(run + "-ack", i -> true).get("id").stringValue();

        AlertEvent acknowledgement = AlertEvent.newBuilder(firing(run + "-ack", service, "Down", Severity.ERROR))
                .setStatus(AlertStatus.ACKNOWLEDGED)
                .setSource(AlertSource.PAGERDUTY)
                .setLabels(Map.of("service", service, "alertname", "Down", "ownwatch_integration", "prod-pagerduty"))
                .build();
        send(acknowledgement, TestAlerts.repeated(acknowledgement));

        JsonNode incident = eventually(() -> api.get("/api/v1/incidents/" + id, "dave"),
                i -> "ACKNOWLEDGED".equals(i.get("status").stringValue()));
        assertThat(incident.get("acknowledgedBy").stringValue()).isEqualTo("integration:prod-pagerduty");
        List<TimelineEvent> timeline = TIMELINE.awaitExactly(id, 3);
        assertThat(types(timeline)).as("opened, its owner, then the acknowledgement, once")
                .startsWith(TimelineEventType.INCIDENT_OPENED).endsWith(TimelineEventType.ACKNOWLEDGED)
                .containsOnlyOnce(TimelineEventType.ACKNOWLEDGED);
        assertThat(timeline.get(2).getActor().getKind()).isEqualTo(ActorKind.INTEGRATION);
        assertThat(timeline.get(2).getActor().getId()).isEqualTo("integration:prod-pagerduty");
    }

    @Test
    void aSilenceSuppressesIncidentsButRecordsTheAlertOnItsOwnTimeline() throws Exception {
        String service = "pay-" + run;
        HttpResponse<String> created = api.post("/api/v1/silences", "bob", """
                {"matchers": [{"label": "service", "op": "EQUALS", "value": "%s"},
                              {"label": "alertname", "op": "REGEX", "value": "Disk.*"}],
                 "endsAt": "%s", "reason": "maintenance", "comment": "replacing disks"}
                """.formatted(service, Instant.now().plus(Duration.ofHours(1))));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode silence = JSON.readTree(created.body());
        String silenceId = silence.get("id").stringValue();
        assertThat(silence.get("author").stringValue()).isEqualTo("bob");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/silences/" + silenceId);
        assertThat(ids(api.get("/api/v1/silences", "dave"))).contains(silenceId);

        send(firing(run + "-disk", service, "DiskFull", Severity.WARNING));
        send(firing(run + "-disk", service, "DiskFull", Severity.WARNING));
        List<TimelineEvent> suppressed = TIMELINE.awaitExactly(silenceId, 1);
        assertThat(suppressed.get(0).getType()).isEqualTo(TimelineEventType.SUPPRESSED);
        assertThat(suppressed.get(0).getAttributes()).containsEntry("reason", "silenced")
                .containsEntry("silenceId", silenceId).containsEntry("dedupKey", run + "-disk");
        send(firing(run + "-cpu", service, "HighCpu", Severity.WARNING));
        api.awaitIncident(run + "-cpu", i -> true);
        assertThat(api.incidents(run + "-disk")).as("silenced: no incident").isEmpty();

        HttpResponse<String> expired = api.exchange("DELETE", "/api/v1/silences/" + silenceId, "bob", null);
        assertThat(expired.statusCode()).isEqualTo(204);
        assertThat(ids(api.get("/api/v1/silences", "dave"))).doesNotContain(silenceId);
        assertThat(ids(api.get("/api/v1/silences?state=all", "dave"))).contains(silenceId);
        assertThat(api.get("/api/v1/silences/" + silenceId, "dave").get("expiredAt").isNull()).isFalse();

        send(firing(run + "-disk", service, "DiskFull", Severity.WARNING));
        assertThat(api.awaitIncident(run + "-disk", i -> true).get("status").stringValue()).isEqualTo("OPEN");
    }

    @Test
    void aFiringCriticalAlertInhibitsWarningsOfTheSameService() throws Exception {
        String service = "pay-" + run;
        send(firing(run + "-down", service, "ServiceDown", Severity.CRITICAL));
        String id = api.awaitIncident(run + "-down", i -> true).get("id").stringValue();

        send(firing(run + "-slow", service, "SlowResponses", Severity.WARNING));

        List<TimelineEvent> timeline = TIMELINE.awaitExactly(id, 3);
        assertThat(timeline.get(2).getType()).isEqualTo(TimelineEventType.SUPPRESSED);
        assertThat(timeline.get(2).getAttributes()).containsEntry("reason", "inhibited-by")
                .containsEntry("inhibitedBy", run + "-down").containsEntry("dedupKey", run + "-slow");
        assertThat(api.incidents(run + "-slow")).isEmpty();
    }

    @Test
    void anAlertThatKeepsFlappingIsHeldInOneIncidentMarkedFlapping() throws Exception {
        String key = run + "-flap";
        String service = "id-" + run;
        Instant t = Instant.now();
        List<AlertEvent> flaps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            flaps.add(AlertEvent.newBuilder(firing(key, service, "Flaky", Severity.ERROR)).setReceivedAt(t.plusSeconds(2L * i)).build());
            flaps.add(AlertEvent.newBuilder(resolved(key, service, "Flaky")).setReceivedAt(t.plusSeconds(2L * i + 1)).build());
        }
        send(flaps.toArray(AlertEvent[]::new));

        // Changes 1 to 4 behave as usual (two incidents open and resolve); the fifth holds the third incident.
        JsonNode held = api.awaitIncident(key, i -> i.get("flapping").asBoolean());
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/incidents/" + held.get("id").stringValue(), "dave")
                .get("alertCount").asInt() == 2);
        JsonNode incident = api.get("/api/v1/incidents/" + held.get("id").stringValue(), "dave");
        assertThat(incident.get("status").stringValue()).as("every alert resolved, but it flaps").isEqualTo("OPEN");
        assertThat(incident.get("alerts").get(0).get("status").stringValue()).isEqualTo("RESOLVED");
        assertThat(api.incidents(key)).hasSize(3);
        List<TimelineEvent> timeline = TIMELINE.awaitExactly(held.get("id").stringValue(), 4);
        assertThat(types(timeline)).containsExactly(TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_RESOLVED,
                TimelineEventType.FLAPPING, TimelineEventType.ALERT_DEDUPLICATED);
    }

    // --- responder API -------------------------------------------------------------------------

    @Test
    void respondersActOnTheirTeamsIncidentsAndEveryActionIsOnTheTimelineWithItsActor() throws Exception {
        send(firing(run + "-x", "pay-" + run, "Errors", Severity.ERROR));
        String id = api.awaitIncident(run + "-x", i -> true).get("id").stringValue();
        String path = "/api/v1/incidents/" + id;

        assertThat(api.post(path + "/acknowledge", "erin", "").statusCode()).as("erin is not in payments").isEqualTo(403);
        assertThat(api.post(path + "/acknowledge", "dave", "").statusCode()).as("viewer").isEqualTo(403);
        assertThat(api.post(path + "/acknowledge", "carol", "").statusCode()).as("support").isEqualTo(403);
        assertThat(api.post(path + "/acknowledge", null, "").statusCode()).isEqualTo(401);

        // The real registry refuses a membership question without a token: bob's acknowledgement below passes only
        // because the router asks as itself, with its client-credentials token (no fake counts tokenless calls).
        assertThat(REGISTRY.get().send(null, "GET", "/api/v1/people/bob/teams", null).status()).isEqualTo(401);
        HttpResponse<String> acknowledged = api.post(path + "/acknowledge", "bob", "");
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(acknowledged.body()).get("status").stringValue()).isEqualTo("ACKNOWLEDGED");
        assertThat(JSON.readTree(acknowledged.body()).get("acknowledgedBy").stringValue()).isEqualTo("bob");
        assertThat(api.post(path + "/acknowledge", "bob", "").statusCode()).as("again: no-op").isEqualTo(200);

        assertThat(api.post(path + "/notes", "carol", "{\"text\": \"customer reports failed payments\"}").statusCode()).isEqualTo(200);
        assertThat(api.post(path + "/reassign", "bob", "{\"teamId\": \"identity\", \"reason\": \"login errors\"}").statusCode())
                .isEqualTo(200);
        assertThat(api.post(path + "/resolve", "bob", "").statusCode()).as("no longer bob's team").isEqualTo(403);
        assertThat(api.post(path + "/resolve", "carol", "").statusCode()).as("support only adds notes").isEqualTo(403);
        assertThat(api.post(path + "/resolve", "erin", "").statusCode()).isEqualTo(200);
        HttpResponse<String> again = api.post(path + "/resolve", "erin", "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).get("type").stringValue()).isEqualTo("https://ownwatch.io/problems/incident-resolved");
        assertThat(api.post(path + "/acknowledge", "alice", "").statusCode()).as("nothing to acknowledge").isEqualTo(409);

        List<TimelineEvent> timeline = TIMELINE.awaitExactly(id, 6);
        assertThat(types(timeline)).containsExactly(TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_RESOLVED,
                TimelineEventType.ACKNOWLEDGED, TimelineEventType.NOTE_ADDED, TimelineEventType.REASSIGNED,
                TimelineEventType.RESOLVED);
        assertThat(timeline.subList(2, 6)).extracting(e -> e.getActor().getKind()).containsOnly(ActorKind.PERSON);
        assertThat(timeline.subList(2, 6)).extracting(e -> e.getActor().getId()).containsExactly("bob", "carol", "bob", "erin");
        assertThat(timeline.get(3).getAttributes()).containsEntry("text", "customer reports failed payments");
        assertThat(timeline.get(4).getAttributes()).containsEntry("fromTeamId", "payments")
                .containsEntry("toTeamId", "identity").containsEntry("reason", "login errors");
        assertThat(timeline.get(5).getTeamId()).isEqualTo("identity");

        JsonNode incident = api.get(path, "dave");
        assertThat(incident.get("status").stringValue()).isEqualTo("RESOLVED");
        assertThat(incident.get("teamId").stringValue()).isEqualTo("identity");
    }

    @Test
    void opsAdminsActOnEveryIncidentAndARefusedMembershipLookupChangesNothing() throws Exception {
        send(firing(run + "-y", "id-" + run, "Errors", Severity.ERROR));
        String id = api.awaitIncident(run + "-y", i -> true).get("id").stringValue();

        REGISTRY.stop();
        HttpResponse<String> refused = api.post("/api/v1/incidents/" + id + "/acknowledge", "erin", "");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(api.get("/api/v1/incidents/" + id, "dave").get("status").stringValue()).isEqualTo("OPEN");
        REGISTRY.start();

        assertThat(api.post("/api/v1/incidents/" + id + "/acknowledge", "alice", "").statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/incidents/" + id + "/resolve", "alice", "").statusCode()).isEqualTo(200);
        assertThat(TIMELINE.awaitExactly(id, 4).subList(2, 4)).extracting(e -> e.getActor().getId()).containsExactly("alice", "alice");
        // That the router asks the registry as itself is shown by respondersActOnTheirTeamsIncidents: the real registry
        // answers a membership question without a token with 401, so bob's acknowledgement passes only with the router's.
    }

    @Test
    void refusesBadResponderInputNamingTheFieldAndChangesNothing() throws Exception {
        send(firing(run + "-z", "pay-" + run, "Errors", Severity.ERROR));
        String id = api.awaitIncident(run + "-z", i -> true).get("id").stringValue();
        String path = "/api/v1/incidents/" + id;

        assertInvalid(api.post(path + "/notes", "bob", "{\"text\": \"  \"}"), "text");
        assertInvalid(api.post(path + "/reassign", "bob", "{\"reason\": \"no team\"}"), "teamId");
        assertInvalid(api.exchange("GET", "/api/v1/incidents?severity=LOUD", "dave", null), "severity");
        assertInvalid(api.exchange("GET", "/api/v1/incidents?from=2025-03-05T00:00:00Z&to=2025-03-04T00:00:00Z", "dave", null), "to");
        assertInvalid(api.exchange("GET", "/api/v1/incidents?size=0", "dave", null), "size");
        HttpResponse<String> unknown = api.exchange("GET", "/api/v1/incidents/" + UUID.randomUUID(), "dave", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api.post("/api/v1/incidents/" + UUID.randomUUID() + "/acknowledge", "alice", "").statusCode()).isEqualTo(404);

        JsonNode incident = api.get(path, "dave");
        assertThat(incident.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(incident.get("teamId").stringValue()).isEqualTo("payments");
        assertThat(types(TIMELINE.awaitExactly(id, 2))).containsExactly(TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_RESOLVED);
    }

    @Test
    void listsIncidentsByStatusTeamServiceSeverityAndTimeOnePageAtATime() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String service = "id-" + run;
        send(firing(run + "-1", service, "A", Severity.CRITICAL), firing(run + "-2", service, "B", Severity.ERROR),
                firing(run + "-3", service, "C", Severity.ERROR));
        api.awaitIncident(run + "-3", i -> true);
        api.awaitIncident(run + "-2", i -> true);
        String first = api.awaitIncident(run + "-1", i -> true).get("id").stringValue();
        assertThat(api.post("/api/v1/incidents/" + first + "/resolve", "erin", "").statusCode()).isEqualTo(200);

        JsonNode all = api.get("/api/v1/incidents?serviceId=" + service + "&from=" + before, "dave");
        assertThat(all.get("total").asLong()).isEqualTo(3);
        JsonNode page = api.get("/api/v1/incidents?serviceId=" + service + "&teamId=identity&size=2&page=1", "dave");
        assertThat(page.get("items").size()).isEqualTo(1);
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(api.get("/api/v1/incidents?serviceId=" + service + "&status=RESOLVED", "dave").get("items"))
                .singleElement().satisfies(i -> assertThat(i.get("id").stringValue()).isEqualTo(first));
        assertThat(api.get("/api/v1/incidents?serviceId=" + service + "&severity=ERROR", "dave").get("total").asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/incidents?serviceId=" + service + "&teamId=payments", "dave").get("total").asLong()).isZero();
        assertThat(api.get("/api/v1/incidents?serviceId=" + service + "&to=" + before, "dave").get("total").asLong()).isZero();
    }

    @Test
    void refusesBadSilencesNamingTheFieldAndCreatesNothing() {
        String later = Instant.now().plus(Duration.ofHours(2)).toString();
        String earlier = Instant.now().plus(Duration.ofHours(1)).toString();
        String marker = "bad-" + run;
        assertInvalid(api.post("/api/v1/silences", "bob", """
                {"matchers": [{"label": "service", "op": "EQUALS", "value": "%s"}], "startsAt": "%s", "endsAt": "%s",
                 "comment": "backwards"}""".formatted(marker, later, earlier)), "endsAt");
        assertInvalid(api.post("/api/v1/silences", "bob", """
                {"matchers": [{"label": "service", "op": "REGEX", "value": "(%s"}], "endsAt": "%s", "comment": "bad regex"}
                """.formatted(marker, later)), "matchers[0].value");
        assertInvalid(api.post("/api/v1/silences", "bob", """
                {"matchers": [], "endsAt": "%s", "comment": "%s"}""".formatted(later, marker)), "matchers");
        assertInvalid(api.post("/api/v1/silences", "bob", """
                {"matchers": [{"label": "service", "op": "EQUALS", "value": "%s"}], "endsAt": "%s"}
                """.formatted(marker, later)), "comment");
        assertInvalid(api.post("/api/v1/silences", "bob", """
                {"matchers": [{"label": "service", "op": "LIKE", "value": "%s"}], "endsAt": "%s", "comment": "op"}
                """.formatted(marker, later)), "matchers[0].op");
        String valid = """
                {"matchers": [{"label": "service", "op": "EQUALS", "value": "%s"}], "endsAt": "%s", "comment": "ok"}
                """.formatted(marker, later);
        assertThat(api.post("/api/v1/silences", "dave", valid).statusCode()).as("viewer").isEqualTo(403);
        assertThat(api.post("/api/v1/silences", "carol", valid).statusCode()).as("support").isEqualTo(403);
        assertThat(api.post("/api/v1/silences", null, valid).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/silences?state=all", "alice").toString()).doesNotContain(marker);
        assertThat(api.exchange("GET", "/api/v1/silences/" + UUID.randomUUID(), "dave", null).statusCode()).isEqualTo(404);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static AlertEvent firing(String dedupKey, String service, String alertname, Severity severity) {
        return TestAlerts.firing(dedupKey, severity, alertname + " on " + service,
                Map.of("service", service, "alertname", alertname));
    }

    private static AlertEvent resolved(String dedupKey, String service, String alertname) {
        return TestAlerts.resolved(firing(dedupKey, service, alertname, Severity.ERROR));
    }

    /** Sends in order and waits for the broker's acknowledgement of each. */
    private static void send(AlertEvent... events) {
        AvroTopics.alerts(ALERTS, events);
    }

    private static <T> T eventually(Callable<T> read, Predicate<T> condition) {
        List<T> last = new ArrayList<>(1);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
            T value = read.call();
            last.clear();
            last.add(value);
            return value != null && condition.test(value);
        });
        return last.get(0);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.values().forEach(n -> ids.add(n.get("id").stringValue()));
        return ids;
    }
}
