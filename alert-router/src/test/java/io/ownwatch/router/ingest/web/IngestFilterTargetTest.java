package io.ownwatch.router.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ownwatch.router.integration.IntegrationType;
import org.junit.jupiter.api.Test;

/** Which requests the lean ingest path takes, and which it leaves to the rest of the server. */
class IngestFilterTargetTest {

    @Test
    void takesEachFormsEndpointWithoutAKey() {
        for (IntegrationType form : IntegrationType.values()) {
            assertThat(IngestFilter.Target.of("/api/v1/ingest/" + form.slug(), ""))
                    .isEqualTo(new IngestFilter.Target(form, "/api/v1/ingest/" + form.slug(), null));
        }
    }

    @Test
    void takesTheKeyOffTheLastPathSegmentSoThatThePathNeverShowsIt() {
        assertThat(IngestFilter.Target.of("/api/v1/ingest/generic/owk_abcDEF-123_x", ""))
                .isEqualTo(new IngestFilter.Target(IntegrationType.GENERIC, "/api/v1/ingest/generic", "owk_abcDEF-123_x"));
    }

    @Test
    void honoursTheContextPath() {
        assertThat(IngestFilter.Target.of("/router/api/v1/ingest/grafana/owk_k", "/router"))
                .isEqualTo(new IngestFilter.Target(IntegrationType.GRAFANA, "/router/api/v1/ingest/grafana", "owk_k"));
        assertThat(IngestFilter.Target.of("/api/v1/ingest/grafana", "/router")).isNull();
    }

    @Test
    void leavesUnknownFormsOtherSegmentsAndOtherPathsToTheServer() {
        assertThat(IngestFilter.Target.of("/api/v1/ingest/nagios", "")).isNull();
        assertThat(IngestFilter.Target.of("/api/v1/ingest/", "")).isNull();
        assertThat(IngestFilter.Target.of("/api/v1/ingest/generic/", "")).isNull();
        assertThat(IngestFilter.Target.of("/api/v1/ingest/generic/notakey", "")).isNull();
        assertThat(IngestFilter.Target.of("/api/v1/ingest/generic/owk_a/more", "")).isNull();
        assertThat(IngestFilter.Target.of("/api/v1/ingest/Generic", "")).isNull();
        assertThat(IngestFilter.Target.of("/api/v1/integrations", "")).isNull();
        assertThat(IngestFilter.Target.of("/api/v1/ingestx/generic", "")).isNull();
    }
}
