package io.ownwatch.schemas.compatibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.ownwatch.events.RunbookVersion;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema compatibility gate: every current contract must read every released version of itself
 * (BACKWARD_TRANSITIVE). See {@code schemas/released/README.md} for how to release a new version.
 */
class SchemaCompatibilityTest {

    static final String HOW_TO_RELEASE = "To release the current schemas as new versions, run "
            + "`./mvnw -B -pl schemas test -Dtest=SchemaCompatibilityTest -Downwatch.schemas.release=true` "
            + "and commit the new files under schemas/released/ (see schemas/released/README.md).";

    @BeforeAll
    static void releaseIfAsked() {
        if (Boolean.getBoolean("ownwatch.schemas.release")) {
            Map<String, Path> written = ReleasedSchemas.releaseChanged();
            written.forEach((name, file) -> System.out.println("Released " + name + " as " + file));
            if (written.isEmpty()) {
                System.out.println("Every current schema equals its last released version; nothing released.");
            }
        }
    }

    @Test
    void everyCurrentSchemaReadsEveryReleasedVersionOfItself() {
        SortedMap<String, Schema> current = ReleasedSchemas.current();
        List<String> problems = new ArrayList<>();
        ReleasedSchemas.released().forEach((name, versions) -> {
            if (current.containsKey(name)) {
                problems.addAll(CompatibilityGate.check(name, current.get(name), versions));
            }
        });

        assertThat(problems)
                .withFailMessage(() -> "Breaking schema change (BACKWARD_TRANSITIVE): consumers on the new schema "
                        + "could not read records already written:\n  " + String.join("\n  ", problems)
                        + "\nGive new fields a default, keep enum defaults, never change a field's type; or create "
                        + "a new topic version (e.g. alerts.v2) for a deliberate break.")
                .isEmpty();
    }

    @Test
    void everyCurrentSchemaIsReleasedAndEveryReleasedSchemaIsCurrent() {
        SortedMap<String, Schema> current = ReleasedSchemas.current();
        SortedMap<String, SortedMap<Integer, Schema>> released = ReleasedSchemas.released();

        assertThat(current).as("top-level schemas in %s", ReleasedSchemas.SOURCES).hasSize(6);
        assertThat(released.keySet())
                .withFailMessage(() -> "Released schemas " + released.keySet() + " and current schemas "
                        + current.keySet() + " differ: every current schema needs at least v1 under "
                        + ReleasedSchemas.RELEASED + ", and no released schema may lose its current one. "
                        + HOW_TO_RELEASE)
                .isEqualTo(current.keySet());
        released.forEach((name, versions) -> assertThat(versions.keySet())
                .as("released versions of %s are numbered 1, 2, 3... without gaps", name)
                .containsExactlyElementsOf(range(versions.size())));
        released.forEach((name, versions) -> assertThat(versions.get(1).getFullName())
                .as("released schemas of %s name the same record", name)
                .isEqualTo(current.get(name).getFullName()));
    }

    @Test
    void runbookVersionsReleasedBeforeTriggerAtLevelReadAsLevelOne() throws IOException {
        Schema v2 = ReleasedSchemas.released().get("RunbookVersion").get(2);
        assertThat(v2.getField("triggerAtLevel")).isNull();
        GenericRecord written = new GenericRecordBuilder(v2)
                .set("runbookId", "rb-drain").set("version", 4).set("contentHash", "sha256:abc")
                .set("status", new GenericData.EnumSymbol(v2.getField("status").schema(), "APPROVED"))
                .set("ownerTeamId", "payments").set("authoredBy", "bob")
                .set("gracePeriodSeconds", 30).set("publishedAt", 1_000L)
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v2).write(written, encoder);
        encoder.flush();

        RunbookVersion read = new SpecificDatumReader<RunbookVersion>(v2, RunbookVersion.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

        assertThat(read.getRunbookId()).isEqualTo("rb-drain");
        assertThat(read.getGracePeriodSeconds()).isEqualTo(30);
        assertThat(read.getTriggerAtLevel()).isEqualTo(1);
    }

    @Test
    void gateNamesANewFieldWithoutDefault() {
        Schema released = record("{\"name\":\"eventId\",\"type\":\"string\"}");
        Schema current = record("{\"name\":\"eventId\",\"type\":\"string\"}",
                "{\"name\":\"teamId\",\"type\":\"string\"}");

        List<String> problems = CompatibilityGate.check("Example", current, versions(released));

        assertThat(problems).singleElement().asString()
                .contains("Example: cannot read released v1")
                .contains("field teamId")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void gateNamesAnEnumThatLostASymbolWithoutDefault() {
        Schema released = record("{\"name\":\"eventId\",\"type\":\"string\"}",
                "{\"name\":\"severity\",\"type\":{\"type\":\"enum\",\"name\":\"Level\",\"symbols\":[\"LOW\",\"HIGH\",\"PAGE\"]}}");
        Schema current = record("{\"name\":\"eventId\",\"type\":\"string\"}",
                "{\"name\":\"severity\",\"type\":{\"type\":\"enum\",\"name\":\"Level\",\"symbols\":[\"LOW\",\"HIGH\"]}}");

        List<String> problems = CompatibilityGate.check("Example", current, versions(released));

        assertThat(problems).singleElement().asString()
                .contains("field severity")
                .contains("MISSING_ENUM_SYMBOLS")
                .contains("PAGE");
    }

    @Test
    void gateChecksEveryReleasedVersionNotOnlyTheLast() {
        Schema v1 = record("{\"name\":\"eventId\",\"type\":\"string\"}",
                "{\"name\":\"count\",\"type\":\"string\"}");
        Schema v2 = record("{\"name\":\"eventId\",\"type\":\"string\"}");
        Schema current = record("{\"name\":\"eventId\",\"type\":\"string\"}",
                "{\"name\":\"count\",\"type\":\"int\",\"default\":0}");

        List<String> problems = CompatibilityGate.check("Example", current, versions(v1, v2));

        assertThat(problems).singleElement().asString()
                .contains("released v1")
                .contains("field count")
                .contains("TYPE_MISMATCH");
    }

    @Test
    void gateNamesNestedFields() {
        Schema released = record("{\"name\":\"steps\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\","
                + "\"name\":\"Step\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}}}");
        Schema current = record("{\"name\":\"steps\",\"type\":{\"type\":\"array\",\"items\":{\"type\":\"record\","
                + "\"name\":\"Step\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
                + "{\"name\":\"attempts\",\"type\":\"int\"}]}}}");

        assertThat(CompatibilityGate.check("Example", current, versions(released)))
                .singleElement().asString().contains("field steps[].attempts");
    }

    @Test
    void gateAcceptsAdditiveChanges() {
        Schema released = record("{\"name\":\"eventId\",\"type\":\"string\"}",
                "{\"name\":\"severity\",\"type\":{\"type\":\"enum\",\"name\":\"Level\",\"symbols\":[\"UNKNOWN\",\"LOW\"],\"default\":\"UNKNOWN\"}}");
        Schema current = record("{\"name\":\"eventId\",\"type\":\"string\"}",
                "{\"name\":\"severity\",\"type\":{\"type\":\"enum\",\"name\":\"Level\",\"symbols\":[\"UNKNOWN\",\"LOW\",\"HIGH\"],\"default\":\"UNKNOWN\"}}",
                "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");

        assertThat(CompatibilityGate.check("Example", current, versions(released))).isEmpty();
    }

    private static Schema record(String... fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Example\",\"namespace\":\"test\","
                + "\"fields\":[" + String.join(",", fields) + "]}");
    }

    private static SortedMap<Integer, Schema> versions(Schema... schemas) {
        SortedMap<Integer, Schema> versions = new TreeMap<>();
        for (int i = 0; i < schemas.length; i++) {
            versions.put(i + 1, schemas[i]);
        }
        return versions;
    }

    private static List<Integer> range(int size) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            numbers.add(i);
        }
        return numbers;
    }
}
