package io.ownwatch.router;

import static io.ownwatch.router.TimelineTopic.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.ownwatch.events.ActorKind;
import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.RemediationRequest;
import io.ownwatch.events.RunbookMode;
import io.ownwatch.events.RunbookVersion;
import io.ownwatch.events.Severity;
import io.ownwatch.events.TimelineEvent;
import io.ownwatch.events.TimelineEventType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Runbooks triggered at an escalation level, end to end: runbooks on runbooks.v1 as the registry publishes them, alerts
 * on a real Kafka, a router with escalation on a real PostgreSQL, and the real ownership-registry (people, a team, a
 * two-level policy that repeats once) in the same JVM. What a user sees is asserted: the requests on
 * remediation.requests.v1, the entries on incident.timeline.v1, the incident API. Deadlines are moved in the database
 * instead of waiting minutes, as in {@link EscalationIT}.
 *
 * <p>Own database, alerts topic and consumer groups, so the other ITs' routers in this JVM never take its records.
 */
class LevelTriggerIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final TimelineTopic TIMELINE = TimelineTopic.shared().patience(PATIENCE);
    private static final String RUNBOOKS = "runbooks.v1";
    private static final String REQUESTS = "remediation.requests.v1";
    private static final String GROUP = "router-level-" + RUN;

    private static final String ANN = "ann-lvl-" + RUN;
    private static final String BEN = "ben-lvl-" + RUN;
    private static final String PAYMENTS = "pay-lvl-" + RUN;

    private static RegistryForTests registry;
    @RegisterExtension
    static final RouterFixture.PerClass ROUTER = new RouterFixture.PerClass();
    private static RouterFixture router;
    private static RouterApi api;
    private static RouterDatabase db;

    @BeforeAll
    static void start() {
        registry = RegistryForTests.shared();
        registry.person(ANN);
        registry.person(BEN);
        registry.team(PAYMENTS, "Payments " + RUN);
        router = ROUTER.start("lvl", RUN, PATIENCE, registry.baseUrl(),
                "--ownwatch.router.escalation.enabled=true",
                "--ownwatch.router.escalation.poll-every=200ms",
                "--ownwatch.router.escalation.claim-lease=10s",
                "--ownwatch.router.grouping.by=",
                // Pages stay queued: their delivery outcomes would interleave with the entries asserted here.
                "--ownwatch.router.notification.enabled=false",
                "--spring.cloud.stream.bindings.catalogRunbook-in-0.group=" + GROUP,
                "--spring.cloud.stream.kafka.bindings.catalogRunbook-in-0.consumer.dlq-name=" + RUNBOOKS + "." + GROUP + ".dlq",
                "--spring.cloud.stream.bindings.recordRemediationResult-in-0.group=" + GROUP,
                "--spring.cloud.stream.kafka.bindings.recordRemediationResult-in-0.consumer.dlq-name=remediation.results.v1."
                        + GROUP + ".dlq");
        api = router.api();
        db = router.database();
    }

    @Test
    void requestsALevelTwoRunbookOnceWhenLevelTwoIsPagedAndALevelOneRunbookWhenTheIncidentOpens() throws Exception {
        String service = service("checkout");
        String restart = "restart-" + RUN;
        String failover = "failover-" + RUN;
        String approval = "approval-" + RUN;
        String unlabelled = "unlabelled-" + RUN;
        String third = "third-" + RUN;
        AvroTopics.produce(RUNBOOKS, RunbookVersion::getRunbookId, runbook(restart, RunbookMode.AUTOMATIC, service, 1).build(),
                runbook(failover, RunbookMode.AUTOMATIC, service, 2).setParameterSchema(schema("region")).build(),
                runbook(approval, RunbookMode.NEEDS_APPROVAL, service, 2).build(),
                runbook(unlabelled, RunbookMode.AUTOMATIC, service, 2).setParameterSchema(schema("shard")).build(),
                runbook(third, RunbookMode.AUTOMATIC, service, 3).build());
        awaitCatalog(restart, failover, approval, unlabelled, third);

        AlertEvent alert = alert(service, Map.of("region", "eu-west"));
        UUID incident = router.open(alert);

        // On open: the level-1 runbook only. The first page (level 1) is queued in a later transaction.
        db.awaitNotification(incident, incident + ":r1:l1:" + ANN + ":EMAIL");
        RemediationRequest onOpen = awaitRequests(incident, 1).get(0);
        assertThat(onOpen.getRunbookId()).isEqualTo(restart);
        JsonNode offer = api.get("/api/v1/incidents/" + incident + "/remediations", "dave");
        Map<String, String> offered = new HashMap<>();
        offer.get("runbooks").values().forEach(r -> offered.put(r.get("runbookId").stringValue(),
                r.get("mode").stringValue() + "@" + r.get("triggerAtLevel").intValue()));
        assertThat(offered).as("every applicable runbook is offered, whatever its level").containsExactlyInAnyOrderEntriesOf(
                Map.of(restart, "AUTOMATIC@1", failover, "AUTOMATIC@2", approval, "NEEDS_APPROVAL@2",
                        unlabelled, "AUTOMATIC@2", third, "AUTOMATIC@3"));

        // Level 2 is paged: its automatic runbook is requested, parameters bound from the alert's labels.
        db.dueNow(incident);
        db.awaitNotification(incident, incident + ":r1:l2:" + BEN + ":EMAIL");
        List<RemediationRequest> requests = awaitRequests(incident, 2);
        RemediationRequest atLevelTwo = requests.get(1);
        assertThat(atLevelTwo.getRunbookId()).isEqualTo(failover);
        assertThat(atLevelTwo.getRunbookVersion()).isEqualTo(1);
        assertThat(atLevelTwo.getContentHash()).isEqualTo("sha256-" + failover);
        assertThat(atLevelTwo.getParameters()).containsExactlyEntriesOf(Map.of("region", "eu-west"));
        assertThat(atLevelTwo.getRequestedBy().getKind()).isEqualTo(ActorKind.AUTOMATION);
        assertThat(atLevelTwo.getRequestedBy().getId()).isEqualTo("alert-router");
        assertThat(atLevelTwo.getReason()).isEqualTo("automatic runbook: escalation level 2 paged");

        List<TimelineEvent> timeline = TIMELINE.awaitType(incident, TimelineEventType.NOTE_ADDED);
        List<TimelineEventType> types = types(timeline);
        int escalated = types.indexOf(TimelineEventType.ESCALATED);
        assertThat(escalated).isPositive();
        assertThat(types.subList(escalated, types.size())).containsExactly(TimelineEventType.ESCALATED,
                TimelineEventType.REMEDIATION_REQUESTED, TimelineEventType.NOTE_ADDED);
        assertThat(timeline.get(escalated + 1).getAttributes()).containsEntry("runbookId", failover)
                .containsEntry("requestId", atLevelTwo.getRequestId()).containsEntry("triggerLevel", "2")
                .containsEntry("mode", "automatic").containsEntry("parameter.region", "eu-west");
        assertThat(timeline.get(escalated + 2).getAttributes()).containsEntry("runbookId", unlabelled)
                .containsEntry("missingParameters", "shard").containsEntry("triggerLevel", "2");

        // The alert again (redelivered) and a repeat of it: nothing is requested again.
        router.send(alert, TestAlerts.repeated(alert));
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/incidents/" + incident, "dave").get("alertCount").asInt() == 2);

        // The repeat round pages level 1 and level 2 again: still nothing new.
        db.dueNow(incident);
        db.awaitNotification(incident, incident + ":r2:l1:" + ANN + ":EMAIL");
        db.dueNow(incident);
        db.awaitNotification(incident, incident + ":r2:l2:" + BEN + ":EMAIL");
        assertThat(awaitRequests(incident, 2)).extracting(RemediationRequest::getRequestId)
                .containsExactly(onOpen.getRequestId(), atLevelTwo.getRequestId());
        // Level 2, then level 1 and level 2 of round 2.
        await().atMost(PATIENCE).until(() -> count(TIMELINE.of(incident), TimelineEventType.ESCALATED) == 3);
        List<TimelineEvent> settled = TIMELINE.awaitExactly(incident, TIMELINE.of(incident).size());
        assertThat(count(settled, TimelineEventType.REMEDIATION_REQUESTED)).isEqualTo(2);
        assertThat(count(settled, TimelineEventType.NOTE_ADDED)).as("the missing label is noted once").isEqualTo(1);
    }

    @Test
    void anAcknowledgedIncidentNeverReachesLevelTwoSoItsLevelTwoRunbookIsNeverRequested() throws Exception {
        String service = service("cart");
        String restart = "cart-restart-" + RUN;
        String failover = "cart-failover-" + RUN;
        AvroTopics.produce(RUNBOOKS, RunbookVersion::getRunbookId, runbook(restart, RunbookMode.AUTOMATIC, service, 1).build(),
                runbook(failover, RunbookMode.AUTOMATIC, service, 2).build());
        awaitCatalog(restart, failover);
        // The level-1 runbook as a router from before trigger levels stored it: read as requested when opened.
        assertThat(db.jdbc().sql("UPDATE runbook_catalog SET definition = definition - 'triggerAtLevel' WHERE runbook_id = :id")
                .param("id", restart).update()).isEqualTo(1);

        UUID acknowledged = router.open(alert(service, Map.of()));
        db.awaitNotification(acknowledged, acknowledged + ":r1:l1:" + ANN + ":EMAIL");
        HttpResponse<String> ack = api.post("/api/v1/incidents/" + acknowledged + "/acknowledge", "alice", null);
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(db.jdbc().sql("SELECT status FROM escalation WHERE incident_id = :incident").param("incident", acknowledged)
                .query(String.class).single()).as("stopped, with no deadline left").isEqualTo("STOPPED");

        // A second incident of the service, not acknowledged, reaches level 2 and gets the runbook: by then the
        // worker has passed the acknowledged one.
        UUID unacknowledged = router.open(alert(service, Map.of()));
        db.awaitNotification(unacknowledged, unacknowledged + ":r1:l1:" + ANN + ":EMAIL");
        db.dueNow(unacknowledged);
        db.awaitNotification(unacknowledged, unacknowledged + ":r1:l2:" + BEN + ":EMAIL");
        assertThat(awaitRequests(unacknowledged, 2)).extracting(RemediationRequest::getRunbookId)
                .containsExactly(restart, failover);

        assertThat(requests(acknowledged)).extracting(RemediationRequest::getRunbookId).containsExactly(restart);
        assertThat(types(TIMELINE.of(acknowledged))).doesNotContain(TimelineEventType.ESCALATED);
        assertThat(count(TIMELINE.of(acknowledged), TimelineEventType.REMEDIATION_REQUESTED)).isEqualTo(1);
        assertThat(db.notificationIds(acknowledged)).containsExactly(acknowledged + ":r1:l1:" + ANN + ":EMAIL");
    }

    // --- the registry's data and the runbooks ---

    /** A service of the team with its own two-level policy (ann, then ben, 10 minutes each) that repeats once. */
    private static String service(String name) {
        String id = name + "-lvl-" + RUN;
        String policy = registry.policy(id + "-policy", PAYMENTS, 1,
                RegistryForTests.level(10, "PERSON", ANN), RegistryForTests.level(10, "PERSON", BEN));
        return registry.service(id, name, PAYMENTS, policy);
    }

    private static RunbookVersion.Builder runbook(String id, RunbookMode mode, String service, int triggerAtLevel) {
        return TestRunbooks.approved(id, 1, mode, PAYMENTS, List.of(service),
                List.of(TestRunbooks.matcher("alertname", "CheckoutErrors")))
                .setContentHash("sha256-" + id)
                .setTriggerAtLevel(triggerAtLevel);
    }

    /** A parameter schema with one required string parameter, as the registry writes it. */
    private static String schema(String required) {
        return TestRunbooks.schema(List.of(required), List.of());
    }

    private static void awaitCatalog(String... runbookIds) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> db.jdbc().sql("""
                        SELECT count(*) FROM runbook_catalog WHERE status = 'APPROVED' AND runbook_id IN (:ids)""")
                .param("ids", List.of(runbookIds)).query(Long.class).single() == runbookIds.length);
    }

    // --- alerts in; requests and timeline out ---

    private static AlertEvent alert(String service, Map<String, String> extraLabels) {
        Map<String, String> labels = new HashMap<>(extraLabels);
        labels.put("alertname", "CheckoutErrors");
        labels.put("service", service);
        return TestAlerts.firing(service + "-" + UUID.randomUUID(), Severity.CRITICAL, "Checkout error rate above 5%", labels);
    }

    /** The incident's requests on remediation.requests.v1, once there are that many, then settled at exactly that. */
    private static List<RemediationRequest> awaitRequests(UUID incident, int expected) {
        return AvroTopics.awaitExactly(REQUESTS, incident.toString(), expected, PATIENCE).stream()
                .map(RemediationRequest.class::cast).toList();
    }

    /** The values of remediation.requests.v1 keyed by the incident, from the beginning to the current end. */
    private static List<RemediationRequest> requests(UUID incident) {
        return AvroTopics.values(REQUESTS, incident.toString()).stream().map(RemediationRequest.class::cast).toList();
    }

    private static long count(List<TimelineEvent> timeline, TimelineEventType type) {
        return timeline.stream().filter(e -> e.getType() == type).count();
    }
}
