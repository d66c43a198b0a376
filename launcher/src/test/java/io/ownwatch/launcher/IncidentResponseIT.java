package io.ownwatch.launcher;

import static io.ownwatch.launcher.PlatformClient.alertmanagerWebhook;
import static io.ownwatch.launcher.PlatformClient.uniqueId;
import static io.ownwatch.launcher.WalkingSkeletonIT.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.ownwatch.devstack.inbox.DevInbox;
import io.ownwatch.devstack.testkit.TestInfrastructure;
import io.ownwatch.devstack.testkit.Tokens;
import io.ownwatch.launcher.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issues 7 and 8 end to end, on the four services as the embedded run has them (sample data, operations' rule for
 * the sample runbook, the dev inbox standing in for mail, Slack and checkout's admin endpoint): a checkout alert pages
 * the person on call by e-mail and Slack webhook, the approved automatic runbook runs and its call reaches the
 * target, the still-firing alert makes it ineffective after its verification window, which pages level 2 at once,
 * and the one-click link in the first page acknowledges the incident as that person. Every step on the timeline.
 */
class IncidentResponseIT {

    private static final Duration SECONDS = Duration.ofSeconds(60);
    /** The sample runbook's verification window is 60 s; then level 2 is paged at once. */
    private static final Duration VERIFICATION = Duration.ofMinutes(3);
    private static final Pattern ACKNOWLEDGE_LINK = Pattern.compile("https?://[^\\s\"'<>]+/api/v1/links/[^\\s\"'<>]+/acknowledge\\?[^\\s\"'<>]+");

    private static Platform platform;
    private static DevInbox inbox;
    private static PlatformClient alice;
    private static String alertmanagerKey;

    @BeforeAll
    static void embeddedRunWithSampleData() {
        platform = SharedPlatform.get();
        inbox = SharedPlatform.inbox();
        Tokens tokens = TestInfrastructure.tokens();
        new SampleData(platform.url(Service.OWNERSHIP_REGISTRY), tokens, URI.create(inbox.url())).load();
        new SampleOpsPolicy(platform.url(Service.REMEDIATION_EXECUTOR), tokens.person("alice")).ensure(SampleData.RUNBOOK_ID);
        alice = new PlatformClient(platform, tokens.person("alice"));
        alertmanagerKey = alice.createIntegration(uniqueId("incident-response"), "alertmanager");
        // On a first start the approval has only just been published on runbooks.v1: wait until the router's and
        // the executor's catalogs hold it, as they do long before anyone sends an alert in a running platform.
        JdbcClient router = JdbcClient.create(new DriverManagerDataSource(TestInfrastructure.get().jdbcUrl("router"),
                TestInfrastructure.get().databaseUsername(), TestInfrastructure.get().databasePassword()));
        await().atMost(SECONDS).until(() -> router.sql("SELECT count(*) FROM runbook_catalog WHERE runbook_id = :id AND status = 'APPROVED'")
                .param("id", SampleData.RUNBOOK_ID).query(Long.class).single() > 0);
        await().atMost(SECONDS).until(() -> alice.get(Service.REMEDIATION_EXECUTOR, "/api/v1/catalog/runbooks").body()
                .toString().contains(SampleData.RUNBOOK_ID));
    }

    @Test
    void checkoutAlertPagesTheOnCallRunsTheRunbookEscalatesWhenItDidNotHelpAndStopsAtTheOneClickLink() throws Exception {
        // Who the sample schedule has on call right now: bob by day, alice at night (Berlin).
        String onCall = alice.get(Service.OWNERSHIP_REGISTRY, "/api/v1/schedules/payments-primary/on-call")
                .body().path("personId").asText();
        assertThat(onCall).isIn("bob", "alice");

        assertThat(alice.ingest("alertmanager", alertmanagerKey, alertmanagerWebhook("checkout", uniqueId("fp"), false))
                .status()).isEqualTo(202);
        String incidentId = await().atMost(SECONDS).until(() -> checkoutIncident(), id -> id != null);

        // Level 1: the person on call, by e-mail and by their Slack webhook, within seconds.
        DevInbox.Mail page = await().atMost(SECONDS).until(() -> mailTo(onCall + "@example.com", incidentId), mail -> mail != null);
        assertThat(page.subject()).contains("CRITICAL").contains("checkout");
        await().atMost(SECONDS).until(() -> hooksTo("/hooks/slack/" + onCall, incidentId), calls -> !calls.isEmpty());

        // The approved automatic runbook was requested, ran, and its call reached checkout's admin endpoint.
        await().atMost(SECONDS).untilAsserted(() -> assertThat(inbox.hooks())
                .anySatisfy(call -> assertThat(call.path()).isEqualTo("/hooks/checkout/drain-queue")));
        await().atMost(SECONDS).untilAsserted(() -> assertThat(types(timeline(incidentId))).containsSubsequence(
                "INCIDENT_OPENED", "OWNER_RESOLVED", "REMEDIATION_REQUESTED", "REMEDIATION_STARTED", "REMEDIATION_SUCCEEDED")
                .contains("NOTIFIED"));

        // The alert still fires: after the verification window the run counts as ineffective and level 2 is paged
        // at once, the team's channel among its targets.
        await().atMost(VERIFICATION).untilAsserted(() -> assertThat(types(timeline(incidentId)))
                .containsSubsequence("REMEDIATION_SUCCEEDED", "REMEDIATION_INEFFECTIVE", "ESCALATED"));
        JsonNode escalated = event(timeline(incidentId), "ESCALATED");
        assertThat(escalated.path("attributes").path("level").asText()).isEqualTo("2");
        await().atMost(SECONDS).until(() -> hooksTo("/hooks/slack/payments-oncall", incidentId), calls -> !calls.isEmpty());

        // The first page's one-click link: GET only asks, POST acknowledges as the person paged.
        Matcher link = ACKNOWLEDGE_LINK.matcher(page.text());
        assertThat(link.find()).as("an acknowledge link in the page:%n%s", page.text()).isTrue();
        URI acknowledge = URI.create(link.group().replace("&amp;", "&"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> confirm = http.send(HttpRequest.newBuilder(acknowledge).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("<form");
        assertThat(alice.get(Service.ALERT_ROUTER, "/api/v1/incidents/" + incidentId).body().path("status").asText())
                .as("a GET changes nothing").isEqualTo("OPEN");
        HttpResponse<String> acknowledged = http.send(HttpRequest.newBuilder(acknowledge).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(acknowledged.statusCode()).isEqualTo(200);

        assertThat(alice.get(Service.ALERT_ROUTER, "/api/v1/incidents/" + incidentId).body().path("status").asText())
                .isEqualTo("ACKNOWLEDGED");
        await().atMost(SECONDS).untilAsserted(() -> {
            JsonNode acknowledgement = event(timeline(incidentId), "ACKNOWLEDGED");
            assertThat(acknowledgement).as("ACKNOWLEDGED on the timeline").isNotNull();
            assertThat(acknowledgement.path("actor").path("kind").asText()).isEqualTo("PERSON");
            assertThat(acknowledgement.path("actor").path("id").asText()).isEqualTo(onCall);
        });
    }

    private static String checkoutIncident() {
        JsonNode items = alice.get(Service.ALERT_ROUTER, "/api/v1/incidents?serviceId=checkout&status=OPEN")
                .body().path("items");
        return items.size() == 0 ? null : items.get(0).path("id").asText();
    }

    private static DevInbox.Mail mailTo(String address, String incidentId) {
        return inbox.mails().stream()
                .filter(mail -> mail.to().contains(address) && mail.text().contains(incidentId))
                .findFirst().orElse(null);
    }

    private static List<DevInbox.Hook> hooksTo(String path, String incidentId) {
        return inbox.hooks().stream()
                .filter(call -> call.path().equals(path) && call.body().contains(incidentId))
                .toList();
    }

    private static JsonNode timeline(String incidentId) {
        return alice.get(Service.INCIDENT_TIMELINE, "/api/v1/incidents/" + incidentId + "/timeline").body();
    }

    private static JsonNode event(JsonNode timeline, String type) {
        List<JsonNode> found = new ArrayList<>();
        timeline.path("events").forEach(event -> {
            if (type.equals(event.path("type").asText())) {
                found.add(event);
            }
        });
        return found.isEmpty() ? null : found.get(0);
    }
}
