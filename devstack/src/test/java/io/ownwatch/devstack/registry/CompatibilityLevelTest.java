package io.ownwatch.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    private static final Schema V1 = schema("{\"name\":\"id\",\"type\":\"string\"}");
    private static final Schema ADDS_FIELD_WITH_DEFAULT = schema(
            "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"team\",\"type\":\"string\",\"default\":\"none\"}");
    private static final Schema ADDS_FIELD_WITHOUT_DEFAULT = schema(
            "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"team\",\"type\":\"string\"}");
    private static final Schema DROPS_ID = schema("{\"name\":\"team\",\"type\":\"string\",\"default\":\"none\"}");

    @Test
    void backwardAllowsAddingAFieldWithADefaultButNotWithout() {
        assertThat(CompatibilityLevel.BACKWARD.violations(ADDS_FIELD_WITH_DEFAULT, List.of(V1))).isEmpty();
        assertThat(CompatibilityLevel.BACKWARD.violations(ADDS_FIELD_WITHOUT_DEFAULT, List.of(V1)))
                .singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("team");
    }

    @Test
    void forwardAllowsAddingAFieldWithoutDefaultBecauseOldReadersIgnoreIt() {
        assertThat(CompatibilityLevel.FORWARD.violations(ADDS_FIELD_WITHOUT_DEFAULT, List.of(V1))).isEmpty();
        assertThat(CompatibilityLevel.FULL.violations(ADDS_FIELD_WITHOUT_DEFAULT, List.of(V1))).isNotEmpty();
    }

    @Test
    void nonTransitiveLevelsCheckOnlyTheLatestVersion() {
        // DROPS_ID reads ADDS_FIELD_WITH_DEFAULT data fine, but V1 data has no team... which has a default: fine too.
        // Data written with DROPS_ID cannot be read by V1 (no id, no default), so FORWARD depends on how far back we look.
        List<Schema> newestFirst = List.of(ADDS_FIELD_WITH_DEFAULT, V1);
        Schema candidate = schema("{\"name\":\"id\",\"type\":\"string\",\"default\":\"x\"},{\"name\":\"team\",\"type\":\"string\"}");
        assertThat(CompatibilityLevel.BACKWARD.violations(candidate, newestFirst)).isEmpty();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.violations(candidate, newestFirst)).isNotEmpty();
    }

    @Test
    void noneAcceptsAnything() {
        assertThat(CompatibilityLevel.NONE.violations(DROPS_ID, List.of(V1))).isEmpty();
    }

    @Test
    void parsesLevelsCaseInsensitivelyAndRejectsOthers() {
        assertThat(CompatibilityLevel.parse("full_transitive")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse("SIDEWAYS")).isEmpty();
        assertThat(CompatibilityLevel.parse(null)).isEmpty();
    }

    private static Schema schema(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Alert\",\"fields\":[" + fields + "]}");
    }
}
