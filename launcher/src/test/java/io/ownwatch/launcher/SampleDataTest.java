package io.ownwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The sample bundle is packed from the classpath with paths relative to its directory, as errors name them;
 * the sample runbook is the one the README promises.
 */
class SampleDataTest {

    @Test
    void packsEverySampleFileWithItsPathInsideTheDirectory() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(SampleData.bundle(URI.create(SampleData.SAMPLE_INBOX))))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
                assertThat(zip.readAllBytes()).isNotEmpty();
            }
        }
        assertThat(names).containsExactly("people.yaml", "search/catalog-info.yaml", "teams/identity.yaml",
                "teams/operations.yaml", "teams/payments.yaml", "teams/search.yaml");
    }

    @Test
    void pointsTheSamplesWebhooksAtTheDevInboxWhereverItRuns() throws IOException {
        StringBuilder content = new StringBuilder();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(
                SampleData.bundle(URI.create("http://127.0.0.1:18025/"))))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                content.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(content).contains("slackWebhook: http://127.0.0.1:18025/hooks/slack/bob",
                "address: \"http://127.0.0.1:18025/hooks/webhook/payments\"").doesNotContain(":8025");
        JsonNode settings = new ObjectMapper().readTree(SampleData.runbookDefinition(URI.create("http://127.0.0.1:18025")))
                .path("steps").get(0).path("settings");
        assertThat(settings.path("port").asText()).isEqualTo("18025");
        assertThat(settings.path("path").asText()).isEqualTo("/hooks/checkout/drain-queue");
    }

    @Test
    void theSampleRunbookDrainsCheckoutsQueueAutomaticallyOnAnAllowedHost() throws IOException {
        JsonNode runbook = new ObjectMapper().readTree(SampleData.runbookDefinition(URI.create(SampleData.SAMPLE_INBOX)));

        assertThat(runbook.path("id").asText()).isEqualTo("checkout-drain-queue");
        assertThat(runbook.path("teamId").asText()).isEqualTo("payments");
        assertThat(runbook.path("serviceIds")).extracting(JsonNode::asText).containsExactly("checkout");
        JsonNode step = runbook.path("steps").get(0);
        assertThat(step.path("action").asText()).isEqualTo("HTTP_REQUEST");
        assertThat(runbook.path("hostAllowlist")).extracting(JsonNode::asText)
                .containsExactly(step.path("settings").path("host").asText());
        assertThat(runbook.path("mode").asText()).isEqualTo("AUTOMATIC");
        assertThat(runbook.path("riskClass").asText()).isEqualTo("LOW");
        assertThat(runbook.path("maxRunsPerHour").asInt()).isEqualTo(2);
        assertThat(runbook.path("cooldownSeconds").asInt()).isEqualTo(600);
        assertThat(runbook.path("timeoutSeconds").asInt()).isEqualTo(60);
    }

    @Test
    void namesTheRunbookItsVersionAndHashPrefixAtStartUp() {
        String hash = "4b391da3ebf2" + "0".repeat(52);

        assertThat(new SampleData.SampleRunbook("checkout-drain-queue", 1, "APPROVED", hash, false).describe())
                .isEqualTo("Sample runbook checkout-drain-queue version 1 is APPROVED (content hash 4b391da3ebf2)");
        assertThat(new SampleData.SampleRunbook("checkout-drain-queue", 2, "RETIRED", hash, false).describe())
                .endsWith("is RETIRED (content hash 4b391da3ebf2); someone retired it, so it is left as it is");
    }
}
