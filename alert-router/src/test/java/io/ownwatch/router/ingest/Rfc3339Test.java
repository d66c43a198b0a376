package io.ownwatch.router.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reader must agree with the formatter wherever it answers, and leave every other text to it. */
class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22T05:00:00Z", "0001-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z",
            "2026-11-22T05:00:00.5+01:00", "2026-11-22T05:00:00.123-07:30", "2026-11-22T05:00:00+0100",
            "2026-11-22T05:00:00-00:00", "1970-01-01T00:00:00.000001Z", "9999-12-31T23:59:59+17:59"})
    void readsTheCommonShapeAsTheFormatterDoes(String text) {
        assertThat(Rfc3339.read(text)).isNotNull().isEqualTo(formatter(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T05:00:00Z", "2026-11-22T05:00Z", "2026-11-22T24:00:00Z", "2026-11-22T05:00:60Z",
            "2026-13-01T05:00:00Z", "2026-11-22t05:00:00Z", "2026-11-22T05:00:00z", "2026-11-22T05:00:00",
            "2026-11-22T05:00:00.Z", "2026-11-22T05:00:00.1234567891Z", "2026-11-22T05:00:00+18:00",
            "2026-11-22T05:00:00+01", "2026-11-22 05:00:00Z", "+2026-11-22T05:00:00Z", "2026-11-22T05:00:00Z ",
            "2026-1a-22T05:00:00Z", "2026-11-22T05:00:00+01:0x", ""})
    void leavesEveryOtherTextToTheFormatter(String text) {
        assertThat(Rfc3339.read(text)).isNull();
    }

    @Property(tries = 2000)
    void agreesWithTheFormatterWheneverItAnswers(@ForAll("timestamps") String text) {
        Instant fast = Rfc3339.read(text);
        if (fast != null) {
            assertThat(fast).isEqualTo(formatter(text));
        }
    }

    @Property(tries = 2000)
    void answersForEveryValidTimestampInTheCommonShape(@ForAll("validTimestamps") String text) {
        assertThat(Rfc3339.read(text)).isEqualTo(formatter(text));
    }

    @Provide
    Arbitrary<String> timestamps() {
        Arbitrary<Character> chars = Arbitraries.of('0', '1', '2', '5', '9', '-', ':', 'T', 'Z', '+', '.');
        return Combinators.combine(validTimestamps(), Arbitraries.integers().between(0, 30), chars)
                .as((text, at, c) -> at < text.length() ? text.substring(0, at) + c + text.substring(at + 1) : text);
    }

    @Provide
    Arbitrary<String> validTimestamps() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L - 86_400)
                .map(Instant::ofEpochSecond);
        Arbitrary<String> fractions = Arbitraries.of("", ".1", ".25", ".123", ".000001", ".123456789");
        Arbitrary<String> offsets = Arbitraries.of("Z", "+00:00", "+01:00", "-05:30", "+0530", "-1200", "+14:00");
        return Combinators.combine(instants, fractions, offsets)
                .as((instant, fraction, offset) -> instant.toString().substring(0, 19) + fraction + offset);
    }

    private static Instant formatter(String text) {
        try {
            return OffsetDateTime.parse(text, JsonFields.TIMESTAMP).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
