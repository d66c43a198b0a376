package io.ownwatch.launcher;

import static io.ownwatch.launcher.PlatformClient.alertmanagerWebhook;
import static io.ownwatch.launcher.WalkingSkeletonIT.formation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.ownwatch.devstack.DevStack;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.launcher.Platform.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded run as a person uses it: start, send an alert, stop, start again on the same data
 * directory. The incident, its timeline and the ownership data are still there, and the router
 * carries on from where it stopped instead of replaying what it had already handled. The sample
 * ownership bundle is imported on both starts, as the launcher does; the second import changes nothing, and the
 * sample runbook, approved on the first start, is left as it is.
 */
class EmbeddedRunRestartIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dataDirectory;

    @Test
    void restartOnTheSameDataDirectoryKeepsIncidentsTimelinesAndOwnership() {
        String incidentId;
        Map<String, String> keys;
        long[] firstRevision = new long[1];
        try (DevStack stack = start(); Platform platform = Platform.start(stack, Map.of(), List.of())) {
            String alice = new Tokens(stack).person("alice");
            PlatformClient client = new PlatformClient(platform, alice);
            // The sample bundle, imported as the launcher does: payments owns checkout (service=checkout).
            assertThat(new SampleData(platform.url(Service.OWNERSHIP_REGISTRY), new Tokens(stack), URI.create(SampleData.SAMPLE_INBOX)).load())
                    .contains("Team payments", "Schedule payments-primary", "EscalationPolicy payments-default",
                            "Service checkout", "Service search-api", "Runbook checkout-drain-queue");
            assertThat(client.get(Service.OWNERSHIP_REGISTRY, "/api/v1/people/bob").body().path("phone").asText())
                    .as("contact data from the sample people").isEqualTo("+4915550100002");
            assertThat(client.get(Service.OWNERSHIP_REGISTRY, "/api/v1/teams/payments").body().path("channels"))
                    .extracting(channel -> channel.path("type").asText()).containsExactly("SLACK_WEBHOOK", "WEBHOOK", "EMAIL");
            // The sample runbook: written and submitted by bob, approved by alice, and offered for checkout's alerts.
            JsonNode runbook = client.get(Service.OWNERSHIP_REGISTRY, "/api/v1/runbooks/checkout-drain-queue").body();
            assertThat(runbook.path("approvedVersion").asInt()).isEqualTo(1);
            assertThat(runbook.path("versions")).singleElement().satisfies(version -> {
                assertThat(version.path("status").asText()).isEqualTo("APPROVED");
                assertThat(version.path("authoredBy").asText()).isEqualTo("bob");
                assertThat(version.path("approvedBy").asText()).isEqualTo("alice");
                assertThat(version.path("content").path("mode").asText()).isEqualTo("AUTOMATIC");
                assertThat(version.path("content").path("riskClass").asText()).isEqualTo("LOW");
                assertThat(version.path("content").path("steps").get(0).path("settings").path("host").asText())
                        .isEqualTo("127.0.0.1");
            });
            firstRevision[0] = runbook.path("versions").get(0).path("revision").asLong();
            assertThat(resolvedRunbooks(client)).singleElement().satisfies(applicable -> {
                assertThat(applicable.path("id").asText()).isEqualTo("checkout-drain-queue");
                assertThat(applicable.path("version").asInt()).isEqualTo(1);
                assertThat(applicable.path("contentHash").asText())
                        .isEqualTo(runbook.path("versions").get(0).path("contentHash").asText());
            });
            // The sample integrations, created as the launcher does; their keys are kept in the data directory.
            keys = new SampleIntegrations(platform.url(Service.ALERT_ROUTER), alice, dataDirectory).ensure();
            assertThat(keys).containsOnlyKeys(SampleIntegrations.TYPES);
            assertThat(client.ingest("alertmanager", keys.get("alertmanager"),
                    alertmanagerWebhook("checkout", "fp-restart", false)).status()).isEqualTo(202);
            incidentId = awaitTimeline(client, null, List.of("INCIDENT_OPENED", "OWNER_RESOLVED"));
        }

        try (DevStack stack = start(); Platform platform = Platform.start(stack, Map.of(), List.of())) {
            // The identity provider's signing key survived too: a fresh login is accepted everywhere.
            String alice = new Tokens(stack).person("alice");
            PlatformClient client = new PlatformClient(platform, alice);
            assertThat(client.get(Service.OWNERSHIP_REGISTRY, "/api/v1/services/checkout").status()).isEqualTo(200);
            // Loading the samples again on a restart finds everything unchanged and writes nothing.
            assertThat(new SampleData(platform.url(Service.OWNERSHIP_REGISTRY), new Tokens(stack), URI.create(SampleData.SAMPLE_INBOX)).load()).isEmpty();
            assertThat(client.get(Service.OWNERSHIP_REGISTRY, "/api/v1/services/checkout").body().path("version").asLong())
                    .isZero();
            // The approved runbook was left alone: still one version, the same revision, still offered for checkout.
            JsonNode runbook = client.get(Service.OWNERSHIP_REGISTRY, "/api/v1/runbooks/checkout-drain-queue").body();
            assertThat(runbook.path("versions")).singleElement().satisfies(version -> {
                assertThat(version.path("status").asText()).isEqualTo("APPROVED");
                assertThat(version.path("revision").asLong()).isEqualTo(firstRevision[0]);
            });
            assertThat(resolvedRunbooks(client)).extracting(applicable -> applicable.path("id").asText())
                    .containsExactly("checkout-drain-queue");
            assertThat(client.get(Service.INCIDENT_TIMELINE, "/api/v1/incidents/" + incidentId + "/timeline").status())
                    .isEqualTo(200);

            // The router still knows the open incident: the resolution closes it, no second one opens.
            // The same keys after the restart, and they still open the door.
            assertThat(new SampleIntegrations(platform.url(Service.ALERT_ROUTER), alice, dataDirectory).ensure())
                    .isEqualTo(keys);
            assertThat(client.ingest("alertmanager", keys.get("alertmanager"),
                    alertmanagerWebhook("checkout", "fp-restart", true)).status()).isEqualTo(202);
            awaitTimeline(client, incidentId, List.of("INCIDENT_OPENED", "OWNER_RESOLVED", "RESOLVED"));
            assertThat(client.get(Service.INCIDENT_TIMELINE, "/api/v1/incidents?serviceId=checkout")
                    .body().path("items")).hasSize(1);
        }
    }

    /** The runbooks the registry offers for the sample checkout alert's labels. */
    private static JsonNode resolvedRunbooks(PlatformClient client) {
        PlatformClient.Answer resolved = client.post(Service.OWNERSHIP_REGISTRY, "/api/v1/resolve", """
                {"labels":{"alertname":"CheckoutHighErrorRate","service":"checkout","severity":"critical",
                 "namespace":"shop","cluster":"eu-west-1"}}""");
        assertThat(resolved.status()).as(resolved.body().toString()).isEqualTo(200);
        return resolved.body().path("runbooks");
    }

    private DevStack start() {
        return DevStack.builder().dataDirectory(dataDirectory).kafkaPort(0).postgresPort(0).registryPort(0)
                .identityPort(0).start();
    }

    /** Waits for the checkout incident's timeline to read as expected and returns the incident's id. */
    private static String awaitTimeline(PlatformClient client, String knownIncidentId, List<String> expected) {
        String[] incidentId = {knownIncidentId};
        await().atMost(PATIENCE).untilAsserted(() -> {
            if (incidentId[0] == null) {
                JsonNode items = client.get(Service.INCIDENT_TIMELINE, "/api/v1/incidents?serviceId=checkout")
                        .body().path("items");
                assertThat(items).hasSize(1);
                incidentId[0] = items.get(0).path("incidentId").asText();
            }
            JsonNode timeline = client.get(Service.INCIDENT_TIMELINE,
                    "/api/v1/incidents/" + incidentId[0] + "/timeline").body();
            assertThat(formation(timeline)).isEqualTo(expected);
        });
        return incidentId[0];
    }
}
