package io.ownwatch.launcher;

import static io.ownwatch.launcher.PlatformClient.alertmanagerWebhook;
import static io.ownwatch.launcher.PlatformClient.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.launcher.Platform.Service;
import io.ownwatch.launcher.PlatformClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One alert across all four services on a real broker, PostgreSQL and schema registry: the
 * Alertmanager webhook, alerts.v1, the router, the registry's REST API, the outbox,
 * incident.timeline.v1, and the timeline's API.
 */
class WalkingSkeletonIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static PlatformClient client;
    private static String alertmanagerKey;

    @BeforeAll
    static void startPlatform() {
        client = new PlatformClient(SharedPlatform.get(), TestInfrastructure.tokens().person("alice"));
        alertmanagerKey = client.createIntegration(uniqueId("walking-skeleton"), "alertmanager");
    }

    @Test
    void alertmanagerAlertBecomesAnIncidentWhoseTimelineNamesTheOwningTeam() {
        String team = uniqueId("team");
        String service = uniqueId("svc");
        client.declareOwnership(team, service);

        Answer accepted = client.ingest("alertmanager", alertmanagerKey,
                alertmanagerWebhook(service, uniqueId("fp"), false));
        assertThat(accepted.status()).isEqualTo(202);

        JsonNode incident = awaitIncidents(service, 1).get(0);
        assertThat(incident.path("teamId").asText()).isEqualTo(team);
        assertThat(incident.path("severity").asText()).isEqualTo("CRITICAL");

        JsonNode timeline = awaitTimeline(incident.path("incidentId").asText(), 2);
        assertThat(formation(timeline)).containsExactly("INCIDENT_OPENED", "OWNER_RESOLVED");
        JsonNode owner = timeline.path("events").get(1);
        assertThat(owner.path("teamId").asText()).isEqualTo(team);
        assertThat(owner.path("serviceId").asText()).isEqualTo(service);
        assertThat(owner.path("sequence").asLong()).isEqualTo(2);
    }

    @Test
    void sameAlertSentTwiceOpensOneIncident() {
        String team = uniqueId("team");
        String service = uniqueId("svc");
        String fingerprint = uniqueId("fp");
        client.declareOwnership(team, service);

        for (int i = 0; i < 2; i++) {
            assertThat(client.ingest("alertmanager", alertmanagerKey,
                    alertmanagerWebhook(service, fingerprint, false)).status()).isEqualTo(202);
        }
        // Events of one alert are processed in order, so once its resolution is on the timeline
        // both firing repeats have been handled.
        assertThat(client.ingest("alertmanager", alertmanagerKey,
                alertmanagerWebhook(service, fingerprint, true)).status()).isEqualTo(202);

        String incidentId = awaitIncidents(service, 1).get(0).path("incidentId").asText();
        JsonNode timeline = awaitTimeline(incidentId, 4);
        // The repeat is counted on the incident and noted once, never a second incident.
        assertThat(formation(timeline)).containsExactly("INCIDENT_OPENED", "OWNER_RESOLVED", "ALERT_DEDUPLICATED", "RESOLVED");
        assertThat(client.get(Service.INCIDENT_TIMELINE, "/api/v1/incidents?serviceId=" + service)
                .body().path("items")).hasSize(1);
    }

    @Test
    void everyServiceAnswersProbesMetricsAndApiDocs() {
        for (Service service : Service.values()) {
            for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
                Answer health = client.get(service, probe);
                assertThat(health.status()).as("%s %s", service, probe).isEqualTo(200);
                assertThat(health.body().path("status").asText()).as("%s %s", service, probe).isEqualTo("UP");
            }
            assertThat(client.getText(service, "/actuator/prometheus"))
                    .as("%s metrics", service)
                    .contains("application=\"" + service.displayName() + "\"")
                    .contains("jvm_memory_used_bytes");
            Answer apiDocs = client.get(service, "/v3/api-docs");
            assertThat(apiDocs.status()).as("%s api docs", service).isEqualTo(200);
            assertThat(apiDocs.body().path("openapi").asText()).as("%s api docs", service).startsWith("3.");
        }
    }

    private static List<JsonNode> awaitIncidents(String service, int count) {
        List<JsonNode> incidents = new ArrayList<>();
        await().atMost(PATIENCE).untilAsserted(() -> {
            Answer answer = client.get(Service.INCIDENT_TIMELINE, "/api/v1/incidents?serviceId=" + service);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("items")).hasSize(count);
            incidents.clear();
            answer.body().path("items").forEach(incidents::add);
        });
        return incidents;
    }

    private static JsonNode awaitTimeline(String incidentId, int events) {
        JsonNode[] timeline = new JsonNode[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            Answer answer = client.get(Service.INCIDENT_TIMELINE, "/api/v1/incidents/" + incidentId + "/timeline");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(formation(answer.body())).hasSize(events);
            timeline[0] = answer.body();
        });
        return timeline[0];
    }

    /**
     * The timeline's incident-formation entries (opened, owner, grouped, deduplicated, resolved), in order: what an
     * alert did to the incident, without the escalation, notification and remediation entries that run beside it.
     */
    static List<String> formation(JsonNode timeline) {
        return types(timeline).stream().filter(FORMATION::contains).toList();
    }

    private static final Set<String> FORMATION = Set.of("INCIDENT_OPENED", "OWNER_RESOLVED", "OWNER_UNKNOWN",
            "ALERT_GROUPED", "ALERT_DEDUPLICATED", "SUPPRESSED", "FLAPPING", "RESOLVED");

    static List<String> types(JsonNode timeline) {
        List<String> types = new ArrayList<>();
        timeline.path("events").forEach(event -> types.add(event.path("type").asText()));
        return types;
    }
}
