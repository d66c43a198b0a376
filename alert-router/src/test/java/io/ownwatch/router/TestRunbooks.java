package io.ownwatch.router;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ownwatch.events.LabelMatcher;
import io.ownwatch.events.MatchOp;
import io.ownwatch.events.RunbookMode;
import io.ownwatch.events.RunbookStatus;
import io.ownwatch.events.RunbookVersion;
import tools.jackson.databind.json.JsonMapper;

/** Runbook versions as the registry publishes them on runbooks.v1, for the tests that play the registry there. */
final class TestRunbooks {

    private static final JsonMapper JSON = JsonMapper.shared();

    private TestRunbooks() {
    }

    /**
     * A version approved and published now: written by bob, approved by alice, content hash
     * {@code sha256-<id>-<version>}, for these services and alerts.
     */
    static RunbookVersion.Builder approved(String id, int version, RunbookMode mode, String ownerTeamId,
            List<String> services, List<LabelMatcher> matchers) {
        return RunbookVersion.newBuilder()
                .setRunbookId(id)
                .setVersion(version)
                .setContentHash("sha256-" + id + "-" + version)
                .setStatus(RunbookStatus.APPROVED)
                .setTitle("Runbook " + id)
                .setOwnerTeamId(ownerTeamId)
                .setAuthoredBy("bob")
                .setApprovedBy("alice")
                .setApprovedAt(Instant.now())
                .setMode(mode)
                .setServiceIds(services)
                .setAlertMatchers(matchers)
                .setPublishedAt(Instant.now());
    }

    static LabelMatcher matcher(String label, String value) {
        return LabelMatcher.newBuilder().setLabel(label).setOp(MatchOp.EQUALS).setValue(value).build();
    }

    /** A parameter schema of string parameters, as the registry writes it (ParameterSchema.of). */
    static String schema(List<String> required, List<String> optional) {
        Map<String, Object> properties = new HashMap<>();
        required.forEach(name -> properties.put(name, Map.of("type", "string")));
        optional.forEach(name -> properties.put(name, Map.of("type", "string")));
        return JSON.writeValueAsString(Map.of("$schema", "https://json-schema.org/draft/2020-12/schema",
                "type", "object", "properties", properties, "required", required, "additionalProperties", false));
    }
}
