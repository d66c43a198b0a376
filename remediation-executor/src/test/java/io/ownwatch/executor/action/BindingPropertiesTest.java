package io.ownwatch.executor.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Binding, for any value: shell and path syntax is found however it is wrapped and however often it is
 * percent-encoded, and a value bound into a URL can never leave its component.
 */
class BindingPropertiesTest {

    @Provide
    Arbitrary<String> syntax() {
        return Arbitraries.of(";", "|", "&", "`", "$(", "${", "<", ">", "\n", "\r", "\u0000", "\u001b", "../", "..\\");
    }

    @Property(tries = 2000)
    void findsSyntaxAnywhereInAnySpelling(@ForAll @StringLength(max = 12) String before, @ForAll("syntax") String syntax,
            @ForAll @StringLength(max = 12) String after, @ForAll @IntRange(min = 0, max = 3) int encodings) {
        String spelled = syntax;
        for (int i = 0; i < encodings; i++) {
            spelled = percentEncodeEveryByte(spelled);
        }
        // A path segment needs its own boundary: "x../" is a name, not a parent directory.
        String value = before + (syntax.startsWith("..") ? "/" : "") + spelled + after;

        assertThat(UnsafeSyntax.problem(value)).as(value).isPresent();
    }

    @Property(tries = 2000)
    void keepsAnyUrlBoundValueInsideItsComponent(@ForAll @StringLength(max = 40) String value) {
        String encoded = BoundStep.encode(value, BoundStep.Encoding.URL_COMPONENT);

        assertThat(encoded).matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})*");
        assertThat(UnsafeSyntax.percentDecode(encoded)).isEqualTo(
                new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void keepsAnyJsonBoundValueInsideItsString(@ForAll @StringLength(max = 40) String value) {
        String escaped = BoundStep.encode(value, BoundStep.Encoding.JSON_STRING);

        assertThat(escaped.replace("\\\\", "").replace("\\\"", "")).doesNotContain("\"");
        assertThat(escaped.chars().noneMatch(c -> c < 0x20)).isTrue();
    }

    private static String percentEncodeEveryByte(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(String.format("%02X", b & 0xff));
        }
        return encoded.toString();
    }
}
