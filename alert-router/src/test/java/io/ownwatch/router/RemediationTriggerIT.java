package io.ownwatch.router;

import static io.ownwatch.router.TestRunbooks.matcher;
import static io.ownwatch.router.TestRunbooks.schema;
import static io.ownwatch.router.TimelineTopic.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.events.Actor;
import io.ownwatch.events.ActorKind;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.AlertStatus;
import io.ownwatch.events.LabelMatcher;
import io.ownwatch.events.RemediationOutcome;
import io.ownwatch.events.RemediationRequest;
import io.ownwatch.events.RemediationResult;
import io.ownwatch.events.RunbookMode;
import io.ownwatch.events.RunbookStatus;
import io.ownwatch.events.RunbookVersion;
import io.ownwatch.events.Severity;
import io.ownwatch.events.StepResult;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import io.ownwatch.router.remediation.RemediationEvent;
import io.ownwatch.router.remediation.RunbookCatalog;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The remediation trigger on a real Kafka, schema registry and PostgreSQL (devstack). Runbooks are published onto
 * runbooks.v1 as the registry publishes them; the test plays the executor on remediation.results.v1 (the contract).
 * What a user sees is asserted: requests on remediation.requests.v1, the timeline on incident.timeline.v1, the
 * incident API. The ownership registry is the real one, an instance of this class's own (one test stops it and
 * brings it back on the same address), declaring the services each test alerts on: {@code pay-*} services belong to
 * payments, bob is in payments, erin in identity ({@link PaymentsAndIdentity}). The escalation is not built on this branch, so the events
 * remediation publishes for it are recorded by a listener of this test.
 *
 * <p>Own database, own consumer groups and dead-letter topic, so the other ITs' routers in this JVM never take these
 * records from it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=alert-router")
class RemediationTriggerIT {

    private static final String ALERTS = "alerts.v1";
    private static final String RUNBOOKS = "runbooks.v1";
    private static final String REQUESTS = "remediation.requests.v1";
    private static final String RESULTS = "remediation.results.v1";
    private static final TimelineTopic TIMELINE = TimelineTopic.shared();
    private static final String GROUP = "alert-router-remediation-it";
    private static final String RESULTS_DLQ = RESULTS + "." + GROUP + ".dlq";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.shared();

    @RegisterExtension
    static final RestartableRegistry REGISTRY = new RestartableRegistry();

    private RouterApi api;
    private String run;
    private String service;

    @LocalServerPort
    int port;

    @Autowired
    RunbookCatalog catalog;

    @Autowired
    PublishedRemediationEvents published;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        RouterProperties.add(registry, "router_remediation", REGISTRY.baseUrl());
        registry.add("spring.cloud.stream.bindings.routeAlert-in-0.group", () -> GROUP);
        registry.add("spring.cloud.stream.bindings.catalogRunbook-in-0.group", () -> GROUP);
        registry.add("spring.cloud.stream.bindings.recordRemediationResult-in-0.group", () -> GROUP);
        registry.add("spring.cloud.stream.kafka.bindings.catalogRunbook-in-0.consumer.dlq-name",
                () -> RUNBOOKS + "." + GROUP + ".dlq");
        registry.add("spring.cloud.stream.kafka.bindings.recordRemediationResult-in-0.consumer.dlq-name",
                () -> RESULTS_DLQ);
        // A test stops the registry and expects a responder's membership to be unknown: no cached answer may outlive it.
        registry.add("ownwatch.router.ownership.membership-cache-ttl", () -> "0s");
        registry.add("ownwatch.router.remediation.verification.poll-every", () -> "200ms");
    }

    /** Records what remediation asks of the escalation (nothing listens to it on this branch). */
    @TestConfiguration
    static class EscalationStandIn {
        @Bean
        PublishedRemediationEvents publishedRemediationEvents() {
            return new PublishedRemediationEvents();
        }
    }

    static class PublishedRemediationEvents {
        final List<RemediationEvent> events = new CopyOnWriteArrayList<>();

        @EventListener
        void on(RemediationEvent event) {
            events.add(event);
        }

        List<RemediationEvent> of(String incidentId) {
            return events.stream().filter(e -> e.incidentId().toString().equals(incidentId)).toList();
        }
    }

    @BeforeEach
    void newRun() {
        api = RouterApi.onPort(port).patience(PATIENCE);
        run = UUID.randomUUID().toString().substring(0, 8);
        service = "pay-" + run;
        PaymentsAndIdentity.declare(REGISTRY.get(), service, service + "-b");
    }

    // --- requests ------------------------------------------------------------------------------

    @Test
    void requestsEachApplicableAutomaticRunbookOnceWithParametersBoundFromTheAlertsLabels() throws Exception {
        String drain = "drain-" + run;
        String scale = "scale-" + run;
        publish(runbook(drain, 2, RunbookMode.AUTOMATIC, List.of(service), backlog())
                .setParameterSchema(schema(List.of("queue"), List.of("limit")))
                .setGracePeriodSeconds(90).build(),
                runbook(scale, 1, RunbookMode.AUTOMATIC, List.of(service), backlog())
                        .setParameterSchema(schema(List.of("region"), List.of())).build(),
                runbook("failover-" + run, 1, RunbookMode.NEEDS_APPROVAL, List.of(service), backlog()).build(),
                runbook("unreadable-mode-" + run, 1, RunbookMode.UNKNOWN, List.of(service), backlog()).build(),
                runbook("disk-" + run, 1, RunbookMode.AUTOMATIC, List.of(service), List.of(matcher("alertname", "DiskFull"))).build(),
                runbook("other-service-" + run, 1, RunbookMode.AUTOMATIC, List.of("id-" + run), backlog()).build());
        awaitCatalog(drain, scale, "failover-" + run, "unreadable-mode-" + run, "disk-" + run, "other-service-" + run);

        AlertEvent alert = firing(run + "-backlog", "QueueBacklog", Map.of("queue", "payments", "cluster", "prod-eu",
                "namespace", "checkout", "team_hint", "not a parameter"));
        send(alert);
        String id = api.awaitIncidentId(run + "-backlog");

        RemediationRequest request = awaitRequests(id, 1).get(0);
        assertThat(request.getRunbookId()).isEqualTo(drain);
        assertThat(request.getRunbookVersion()).isEqualTo(2);
        assertThat(request.getContentHash()).isEqualTo("sha256-" + drain + "-2");
        assertThat(request.getIncidentId()).isEqualTo(id);
        assertThat(request.getServiceId()).isEqualTo(service);
        assertThat(request.getTeamId()).isEqualTo("payments");
        assertThat(request.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(request.getCluster()).isEqualTo("prod-eu");
        assertThat(request.getNamespace()).isEqualTo("checkout");
        assertThat(request.getParameters()).as("declared names only; the optional limit has no label")
                .containsExactlyEntriesOf(Map.of("queue", "payments"));
        assertThat(request.getRequestedBy().getKind()).isEqualTo(ActorKind.AUTOMATION);
        assertThat(request.getRequestedBy().getId()).isEqualTo("alert-router");

        List<TimelineEvent> timeline = TIMELINE.awaitExactly(id, 4);
        assertThat(types(timeline)).containsExactly(TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_RESOLVED,
                TimelineEventType.REMEDIATION_REQUESTED, TimelineEventType.NOTE_ADDED);
        TimelineEvent requested = timeline.get(2);
        assertThat(requested.getActor().getKind()).isEqualTo(ActorKind.AUTOMATION);
        assertThat(requested.getAttributes()).containsEntry("requestId", request.getRequestId())
                .containsEntry("runbookId", drain).containsEntry("runbookVersion", "2")
                .containsEntry("parameter.queue", "payments").containsEntry("mode", "automatic");
        assertThat(timeline.get(3).getAttributes()).as("the runbook whose parameter has no label")
                .containsEntry("runbookId", scale).containsEntry("missingParameters", "region");
        assertThat(published.of(id)).containsExactly(
                new RemediationEvent.FirstPageHeld(UUID.fromString(id), drain, Duration.ofSeconds(90)));

        // The same alert again (redelivered) and a repeat of it: no second request.
        send(alert, TestAlerts.repeated(alert));
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/incidents/" + id, "dave").get("alertCount").asInt() == 2);
        assertThat(awaitRequests(id, 1)).extracting(RemediationRequest::getRequestId).containsExactly(request.getRequestId());
        assertThat(published.of(id)).hasSize(1);
    }

    @Test
    void offersNeedsApprovalRunbooksAndRequestsThemForResponsersOfTheIncidentsTeamOnly() throws Exception {
        String failover = "failover-" + run;
        String restart = "restart-" + run;
        publish(runbook(failover, 3, RunbookMode.NEEDS_APPROVAL, List.of(service), backlog())
                        .setParameterSchema(schema(List.of("queue"), List.of())).setTitle("Fail over the queue").build(),
                runbook(restart, 1, RunbookMode.AUTOMATIC, List.of(service), backlog()).build(),
                runbook("disk-" + run, 1, RunbookMode.NEEDS_APPROVAL, List.of(service), List.of(matcher("alertname", "DiskFull"))).build());
        awaitCatalog(failover, restart, "disk-" + run);
        send(firing(run + "-offer", "QueueBacklog", Map.of("queue", "payments")));
        String id = api.awaitIncidentId(run + "-offer");
        String automatic = awaitRequests(id, 1).get(0).getRequestId();
        String path = "/api/v1/incidents/" + id + "/remediations";

        JsonNode offer = api.get(path, "dave");
        List<String> offered = new ArrayList<>();
        offer.get("runbooks").values().forEach(r -> offered.add(r.get("runbookId").stringValue() + ":" + r.get("mode").stringValue()));
        assertThat(offered).containsExactly(failover + ":NEEDS_APPROVAL", restart + ":AUTOMATIC");
        assertThat(offer.get("requests")).singleElement().satisfies(r -> {
            assertThat(r.get("requestId").stringValue()).isEqualTo(automatic);
            assertThat(r.get("state").stringValue()).isEqualTo("REQUESTED");
        });

        String ask = "{\"runbookId\": \"" + failover + "\", \"reason\": \"backlog keeps growing\"}";
        assertThat(api.post(path, "erin", ask).statusCode()).as("erin is not in payments").isEqualTo(403);
        assertThat(api.post(path, "dave", ask).statusCode()).as("viewer").isEqualTo(403);
        assertThat(api.post(path, "carol", ask).statusCode()).as("support").isEqualTo(403);
        assertThat(api.post(path, null, ask).statusCode()).isEqualTo(401);
        assertProblem(api.post(path, "bob", "{\"runbookId\": \"" + failover + "-x\"}"), 400, "unknown-runbook");
        assertProblem(api.post(path, "bob", "{\"runbookId\": \"disk-" + run + "\"}"), 422, "runbook-not-applicable");
        assertProblem(api.post(path, "bob", "{\"reason\": \"no runbook\"}"), 400, "validation");
        assertThat(api.post("/api/v1/incidents/" + UUID.randomUUID() + "/remediations", "alice", ask).statusCode()).isEqualTo(404);
        REGISTRY.stop();
        HttpResponse<String> membershipUnknown = api.post(path, "bob", ask);
        assertThat(membershipUnknown.statusCode()).as("membership cannot be confirmed").isEqualTo(503);
        assertThat(JSON.readTree(membershipUnknown.body()).get("type").stringValue())
                .isEqualTo("https://ownwatch.io/problems/membership-unavailable");
        REGISTRY.start();
        assertThat(awaitRequests(id, 1)).as("nothing refused was requested").hasSize(1);

        HttpResponse<String> accepted = api.post(path, "bob", ask);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String byBob = JSON.readTree(accepted.body()).get("requestId").stringValue();
        RemediationRequest request = awaitRequests(id, 2).stream().filter(r -> r.getRequestId().equals(byBob))
                .findFirst().orElseThrow();
        assertThat(request.getRunbookId()).isEqualTo(failover);
        assertThat(request.getRunbookVersion()).isEqualTo(3);
        assertThat(request.getRequestedBy().getKind()).isEqualTo(ActorKind.PERSON);
        assertThat(request.getRequestedBy().getId()).isEqualTo("bob");
        assertThat(request.getParameters()).containsExactlyEntriesOf(Map.of("queue", "payments"));
        assertThat(request.getReason()).isEqualTo("backlog keeps growing");

        List<TimelineEvent> timeline = TIMELINE.awaitExactly(id, 4);
        assertThat(timeline.get(3).getType()).isEqualTo(TimelineEventType.REMEDIATION_REQUESTED);
        assertThat(timeline.get(3).getActor().getKind()).isEqualTo(ActorKind.PERSON);
        assertThat(timeline.get(3).getActor().getId()).isEqualTo("bob");
        assertThat(timeline.get(3).getAttributes()).containsEntry("mode", "needs-approval").containsEntry("runbookId", failover);
        JsonNode requests = api.get(path, "dave").get("requests");
        assertThat(requests.size()).isEqualTo(2);
        assertThat(requests.get(1).get("requestedBy").stringValue()).isEqualTo("bob");
    }

    @Test
    void aRetiredRunbookLeavesTheCatalogAndIsNeitherRequestedNorOffered() throws Exception {
        String drain = "drain-" + run;
        publish(runbook(drain, 1, RunbookMode.AUTOMATIC, List.of(service), backlog()).build());
        awaitCatalog(drain);
        // As the registry publishes a new version: the old one's retirement first, then the approval.
        publish(runbook(drain, 1, RunbookMode.AUTOMATIC, List.of(service), backlog()).setStatus(RunbookStatus.RETIRED).build(),
                runbook(drain, 2, RunbookMode.AUTOMATIC, List.of(service), backlog()).build());
        await().atMost(PATIENCE).until(() -> catalog.approved(drain).map(r -> r.version() == 2).orElse(false));
        publish(runbook(drain, 2, RunbookMode.AUTOMATIC, List.of(service), backlog()).setStatus(RunbookStatus.RETIRED).build(),
                runbook(drain, 1, RunbookMode.AUTOMATIC, List.of(service), backlog()).build());
        awaitConsumed(RUNBOOKS);
        assertThat(catalog.approved(drain)).as("retired, and an older approval read later does not bring it back").isEmpty();

        send(firing(run + "-retired", "QueueBacklog", Map.of()));
        String id = api.awaitIncidentId(run + "-retired");
        assertThat(types(TIMELINE.awaitExactly(id, 2))).containsExactly(TimelineEventType.INCIDENT_OPENED,
                TimelineEventType.OWNER_RESOLVED);
        assertThat(AvroTopics.values(REQUESTS, id)).isEmpty();
        assertThat(api.get("/api/v1/incidents/" + id + "/remediations", "dave").get("runbooks").size()).isZero();
    }

    // --- results -------------------------------------------------------------------------------

    @Test
    void recordsEachResultOnceAndFindsASuccessIneffectiveWhenTheIncidentOutlastsItsWindow() throws Exception {
        String drain = "drain-" + run;
        publish(runbook(drain, 1, RunbookMode.AUTOMATIC, List.of(service), backlog()).setVerificationSeconds(2).build());
        awaitCatalog(drain);
        send(firing(run + "-stays", "QueueBacklog", Map.of()));
        String id = api.awaitIncidentId(run + "-stays");
        RemediationRequest request = awaitRequests(id, 1).get(0);

        RemediationResult succeeded = result(request, RemediationOutcome.SUCCEEDED, null, List.of(
                step("drain queue", true, "HTTP 202"), step("check depth", true, null)));
        publishResults(result(request, RemediationOutcome.STARTED, null, List.of()), succeeded, succeeded);

        List<TimelineEvent> timeline = awaitTimelineUntil(id, TimelineEventType.REMEDIATION_INEFFECTIVE, 6);
        assertThat(types(timeline)).as("the duplicate result is recorded once").containsExactly(
                TimelineEventType.INCIDENT_OPENED, TimelineEventType.OWNER_RESOLVED,
                TimelineEventType.REMEDIATION_REQUESTED, TimelineEventType.REMEDIATION_STARTED,
                TimelineEventType.REMEDIATION_SUCCEEDED, TimelineEventType.REMEDIATION_INEFFECTIVE);
        assertThat(timeline.get(3).getActor().getId()).isEqualTo("remediation-executor");
        assertThat(timeline.get(4).getAttributes()).containsEntry("requestId", request.getRequestId())
                .containsEntry("runbookId", drain).containsEntry("contentHash", request.getContentHash())
                .containsEntry("step.1", "drain queue: succeeded - HTTP 202")
                .containsEntry("step.2", "check depth: succeeded");
        assertThat(timeline.get(5).getAttributes()).containsEntry("requestId", request.getRequestId())
                .containsKey("reason");
        assertThat(published.of(id)).singleElement().isInstanceOf(RemediationEvent.EscalationNeeded.class);
        assertThat(api.get("/api/v1/incidents/" + id + "/remediations", "dave").get("requests").get(0).get("state")
                .stringValue()).isEqualTo("INEFFECTIVE");
    }

    @Test
    void anIncidentResolvedInsideTheWindowClosesItQuietly() throws Exception {
        String drain = "drain-" + run;
        String other = "pay-" + run + "-b";
        // Long enough for the alert's resolution to arrive inside it, without waiting for anything else.
        publish(runbook(drain, 1, RunbookMode.AUTOMATIC, List.of(service, other), backlog()).setVerificationSeconds(15).build());
        awaitCatalog(drain);
        send(firing(run + "-fixed", "QueueBacklog", Map.of()));
        String fixed = api.awaitIncidentId(run + "-fixed");
        publishResults(result(awaitRequests(fixed, 1).get(0), RemediationOutcome.SUCCEEDED, null, List.of()));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> types(TIMELINE.of(fixed)).contains(TimelineEventType.REMEDIATION_SUCCEEDED));
        send(AlertEvent.newBuilder(firing(run + "-fixed", "QueueBacklog", Map.of()))
                .setStatus(AlertStatus.RESOLVED).setEndsAt(Instant.now()).build());
        await().atMost(PATIENCE).until(() -> "RESOLVED".equals(api.get("/api/v1/incidents/" + fixed, "dave").get("status").stringValue()));

        // A second incident whose window opens after the first one's ends later: once it is found ineffective,
        // the first one's window has long come due.
        AlertEvent stays = AlertEvent.newBuilder(firing(run + "-later", "QueueBacklog", Map.of()))
                .setLabels(Map.of("service", other, "alertname", "QueueBacklog")).build();
        send(stays);
        String later = api.awaitIncidentId(run + "-later");
        publishResults(result(awaitRequests(later, 1).get(0), RemediationOutcome.SUCCEEDED, null, List.of()));
        awaitTimelineUntil(later, TimelineEventType.REMEDIATION_INEFFECTIVE, 5);

        assertThat(types(TIMELINE.awaitExactly(fixed, 5))).containsExactly(TimelineEventType.INCIDENT_OPENED,
                TimelineEventType.OWNER_RESOLVED, TimelineEventType.REMEDIATION_REQUESTED,
                TimelineEventType.REMEDIATION_SUCCEEDED, TimelineEventType.RESOLVED);
        assertThat(published.of(fixed)).isEmpty();
    }

    @Test
    void approvalsRejectionsAndFailuresGoOnTheTimelineInTheDecidersNameAndFailuresEscalate() throws Exception {
        String failover = "failover-" + run;
        publish(runbook(failover, 1, RunbookMode.AUTOMATIC, List.of(service), backlog()).build());
        awaitCatalog(failover);
        send(firing(run + "-fails", "QueueBacklog", Map.of()));
        String id = api.awaitIncidentId(run + "-fails");
        RemediationRequest request = awaitRequests(id, 1).get(0);
        RemediationResult elsewhere = RemediationResult.newBuilder(result(request, RemediationOutcome.REJECTED,
                        person("alice"), List.of())).setRequestId("self-service-" + run).setReason("not during the sale").build();

        publishResults(result(request, RemediationOutcome.AWAITING_APPROVAL, null, List.of()),
                result(request, RemediationOutcome.APPROVED, person("alice"), List.of()),
                RemediationResult.newBuilder(result(request, RemediationOutcome.FAILED, null,
                        List.of(step("drain queue", false, "HTTP 503 from checkout.payments.internal"))))
                        .setReason("step drain queue failed").build(),
                elsewhere);

        List<TimelineEvent> timeline = TIMELINE.awaitExactly(id, 7);
        assertThat(types(timeline).subList(3, 7)).containsExactly(TimelineEventType.NOTE_ADDED,
                TimelineEventType.REMEDIATION_APPROVED, TimelineEventType.REMEDIATION_FAILED,
                TimelineEventType.REMEDIATION_REJECTED);
        assertThat(timeline.get(3).getAttributes()).containsEntry("remediation", "AWAITING_APPROVAL");
        assertThat(timeline.get(4).getActor().getKind()).isEqualTo(ActorKind.PERSON);
        assertThat(timeline.get(4).getActor().getId()).isEqualTo("alice");
        assertThat(timeline.get(5).getActor().getId()).isEqualTo("remediation-executor");
        assertThat(timeline.get(5).getAttributes()).containsEntry("reason", "step drain queue failed")
                .containsEntry("outcome", "FAILED")
                .containsEntry("step.1", "drain queue: failed - HTTP 503 from checkout.payments.internal");
        assertThat(timeline.get(6).getActor().getId()).isEqualTo("alice");
        assertThat(published.of(id)).hasSize(2).allSatisfy(event ->
                assertThat(event).isInstanceOf(RemediationEvent.EscalationNeeded.class));

        JsonNode requests = api.get("/api/v1/incidents/" + id + "/remediations", "dave").get("requests");
        Map<String, String> states = new HashMap<>();
        requests.values().forEach(r -> states.put(r.get("requestId").stringValue(), r.get("state").stringValue()));
        assertThat(states).containsExactlyInAnyOrderEntriesOf(Map.of(request.getRequestId(), "FAILED",
                "self-service-" + run, "REJECTED"));
    }

    @Test
    void anUndecodableResultAndAResultForAnUnknownIncidentGoToTheDeadLetterTopic() throws Exception {
        String garbageKey = "garbage-" + run;
        byte[] garbage = "not a remediation result".getBytes(StandardCharsets.UTF_8);
        AvroTopics.produceRaw(RESULTS, garbageKey, garbage);
        String stranger = UUID.randomUUID().toString();
        publishResults(RemediationResult.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setRequestId("r-" + run).setIncidentId(stranger)
                .setRunbookId("drain").setContentHash("h").setOutcome(RemediationOutcome.STARTED)
                .setActor(Actor.newBuilder().setKind(ActorKind.AUTOMATION).setId("remediation-executor").build())
                .setOccurredAt(Instant.now()).build());

        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            dead.clear();
            dead.addAll(AvroTopics.read(RESULTS_DLQ, new ByteArrayDeserializer()));
            return keys(dead).containsAll(List.of(garbageKey, stranger));
        });
        ConsumerRecord<String, byte[]> letter = dead.stream().filter(r -> garbageKey.equals(r.key())).findFirst().orElseThrow();
        assertThat(letter.value()).as("the original bytes").isEqualTo(garbage);
        assertThat(header(letter, "x-original-topic")).isEqualTo(RESULTS);
        assertThat(header(dead.stream().filter(r -> stranger.equals(r.key())).findFirst().orElseThrow(),
                "x-exception-message")).contains("does not know");
    }

    // --- helpers -------------------------------------------------------------------------------

    private static RunbookVersion.Builder runbook(String id, int version, RunbookMode mode, List<String> services,
            List<LabelMatcher> matchers) {
        return TestRunbooks.approved(id, version, mode, "payments", services, matchers);
    }

    private static List<LabelMatcher> backlog() {
        return List.of(matcher("alertname", "QueueBacklog"));
    }

    private static RemediationResult result(RemediationRequest request, RemediationOutcome outcome, Actor actor,
            List<StepResult> steps) {
        return RemediationResult.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setRequestId(request.getRequestId())
                .setIncidentId(request.getIncidentId())
                .setRunbookId(request.getRunbookId())
                .setContentHash(request.getContentHash())
                .setOutcome(outcome)
                .setSteps(steps)
                .setActor(actor != null ? actor
                        : Actor.newBuilder().setKind(ActorKind.AUTOMATION).setId("remediation-executor").build())
                .setOccurredAt(Instant.now())
                .build();
    }

    private static Actor person(String id) {
        return Actor.newBuilder().setKind(ActorKind.PERSON).setId(id).build();
    }

    private static StepResult step(String name, boolean succeeded, String detail) {
        return StepResult.newBuilder().setName(name).setSucceeded(succeeded).setDetail(detail)
                .setStartedAt(Instant.now()).setFinishedAt(Instant.now()).build();
    }

    private AlertEvent firing(String dedupKey, String alertname, Map<String, String> extraLabels) {
        Map<String, String> labels = new HashMap<>(extraLabels);
        labels.put("service", service);
        labels.put("alertname", alertname);
        return TestAlerts.firing(dedupKey, Severity.CRITICAL, alertname + " on " + service, labels);
    }

    private void awaitCatalog(String... runbookIds) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() ->
                List.of(runbookIds).stream().allMatch(id -> catalog.approved(id).isPresent()));
    }

    /** Until the router's group has committed, so processed, everything on the topic up to now. */
    private static void awaitConsumed(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()))) {
            List<TopicPartition> partitions = AvroTopics.read(topic, new ByteArrayDeserializer()).stream()
                    .map(r -> new TopicPartition(r.topic(), r.partition())).distinct().toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((p, info) -> end.put(p, info.offset()));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                return end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(AlertEvent... events) {
        AvroTopics.alerts(ALERTS, events);
    }

    private static void publish(RunbookVersion... versions) {
        AvroTopics.produce(RUNBOOKS, RunbookVersion::getRunbookId, versions);
    }

    private static void publishResults(RemediationResult... results) {
        AvroTopics.produce(RESULTS, RemediationResult::getIncidentId, results);
    }

    /** The incident's requests on remediation.requests.v1, once there are exactly that many (a duplicate would show). */
    private List<RemediationRequest> awaitRequests(String incidentId, int expected) {
        return AvroTopics.awaitExactly(REQUESTS, incidentId, expected, PATIENCE).stream()
                .map(RemediationRequest.class::cast).toList();
    }

    /** The timeline once it holds an event of that type, then settled at exactly {@code expected} events. */
    private static List<TimelineEvent> awaitTimelineUntil(String incidentId, TimelineEventType type, int expected) {
        TIMELINE.awaitType(incidentId, type);
        return TIMELINE.awaitExactly(incidentId, expected);
    }

    private static List<String> keys(List<? extends ConsumerRecord<String, ?>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        JsonNode problem = RouterApi.assertProblem(response, status, type);
        List<String> fields = new ArrayList<>();
        problem.get("errors").values().forEach(e -> fields.add(e.get("field").stringValue()));
        assertThat(fields).as(response.body()).containsExactly("runbookId");
        assertThat(response.body()).doesNotContain("Exception");
    }
}
