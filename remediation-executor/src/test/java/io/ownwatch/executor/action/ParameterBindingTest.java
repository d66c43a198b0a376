package io.ownwatch.executor.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parameters are checked against the runbook's schema and refused, naming {@code parameters.<name>}, when they carry
 * shell or path syntax in any spelling; bound values take the encoding of the place they go to.
 */
class ParameterBindingTest {

    static final String SCHEMA = """
            {"type": "object",
             "properties": {
               "queue": {"type": "string", "pattern": "^[a-z0-9-]+$", "maxLength": 20},
               "note": {"type": "string", "maxLength": 200},
               "replicas": {"type": "integer", "minimum": 1, "maximum": 6},
               "force": {"type": "boolean"},
               "mode": {"enum": ["soft", "hard"]},
               "region": {"type": "string", "default": "eu"}
             },
             "required": ["queue"]}""";

    /** Binds the settings of a step as an action would read them, through a recording action. */
    private static BoundStep bind(Map<String, String> settings, Map<String, String> parameters, String schema) {
        ParameterSchema parsed = ParameterSchema.parse(schema);
        StepContext context = new StepContext("run-1", "checkout", parameters, schema, List.of(), 1, Duration.ofSeconds(5));
        return new BoundStep(new ActionStep("drain", ActionType.HTTP_REQUEST, settings), context, parsed,
                parsed.validate(parameters), new Secrets(Map.of("checkouttoken", "s3cr3t-t0ken")));
    }

    private static StepRefused refusal(Map<String, String> parameters) {
        try {
            bind(Map.of(), parameters, SCHEMA);
        }
        catch (StepRefused refused) {
            return refused;
        }
        throw new AssertionError("not refused: " + parameters);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x; id", "$(id)", "`id`", "a|b", "a && b", "a\nb", "a\rb", "a\u0000b", "../etc/passwd",
            "..\\windows", "a/../b", "%3B id", "%24%28id%29", "%60id%60", "%7Cid", "%26id", "a%0Ab", "a%0d%0aSet-Cookie: x",
            "%2e%2e%2fetc", "%2E%2E/x", "..%2Fx", "a%00b", "%253B id", "%25252e%25252e%25252f", "${IFS}", "a\u2028b",
            "a\tb", "<script>", "x > /tmp/f"})
    void refusesShellAndPathSyntaxInAnySpelling(String value) {
        StepRefused refused = refusal(Map.of("queue", "orders", "note", value));

        assertThat(refused.field()).isEqualTo("parameters.note");
    }

    @Test
    void acceptsOrdinaryValues() {
        BoundStep step = bind(Map.of("queue", "{{queue}}"), Map.of("queue", "orders-eu", "note", "drain 50% of it, please"),
                SCHEMA);

        assertThat(step.required("queue", BoundStep.Encoding.PLAIN)).isEqualTo("orders-eu");
    }

    @Test
    void refusesUndeclaredMissingAndMistypedParameters() {
        assertThat(refusal(Map.of("queue", "orders", "shell", "ls")).field()).isEqualTo("parameters.shell");
        assertThat(refusal(Map.of("note", "x")).field()).isEqualTo("parameters.queue");
        assertThat(refusal(Map.of("queue", "Orders!")).getMessage()).contains("parameters.queue", "pattern");
        assertThat(refusal(Map.of("queue", "a".repeat(21))).getMessage()).contains("longer than 20");
        assertThat(refusal(Map.of("queue", "q", "replicas", "7")).getMessage()).contains("parameters.replicas", "at most 6");
        assertThat(refusal(Map.of("queue", "q", "replicas", "0")).getMessage()).contains("at least 1");
        assertThat(refusal(Map.of("queue", "q", "replicas", "two")).getMessage()).contains("integer");
        assertThat(refusal(Map.of("queue", "q", "replicas", "1.5")).getMessage()).contains("integer");
        assertThat(refusal(Map.of("queue", "q", "force", "yes")).getMessage()).contains("parameters.force");
        assertThat(refusal(Map.of("queue", "q", "mode", "brutal")).getMessage()).contains("parameters.mode", "one of");
    }

    @Test
    void fillsDefaultsAndRefusesAPlaceholderWithoutAValue() {
        BoundStep step = bind(Map.of("url", "https://{{region}}.example.com/{{queue}}", "note", "{{note}}"),
                Map.of("queue", "orders"), SCHEMA);

        assertThat(step.required("url", BoundStep.Encoding.URL_COMPONENT)).isEqualTo("https://eu.example.com/orders");
        assertThatThrownBy(() -> step.required("note", BoundStep.Encoding.PLAIN))
                .isInstanceOfSatisfying(StepRefused.class, refused -> assertThat(refused.field()).isEqualTo("parameters.note"));
    }

    @Test
    void refusesAPlaceholderTheSchemaDoesNotDeclare() {
        BoundStep step = bind(Map.of("url", "https://a.example.com/{{path}}"), Map.of("queue", "q"), SCHEMA);

        assertThatThrownBy(() -> step.required("url", BoundStep.Encoding.URL_COMPONENT))
                .isInstanceOfSatisfying(StepRefused.class, refused -> assertThat(refused.field()).isEqualTo("parameters.path"));
    }

    @Test
    void refusesAnyParameterOfARunbookWithoutSchema() {
        assertThatThrownBy(() -> bind(Map.of(), Map.of("queue", "q"), null))
                .isInstanceOfSatisfying(StepRefused.class, refused -> assertThat(refused.field()).isEqualTo("parameters.queue"));
    }

    @Test
    void percentEncodesValuesBoundIntoUrlsAndEscapesThemInJson() {
        BoundStep step = bind(Map.of("url", "https://a.example.com/notes/{{note}}?q={{note}}",
                "body", "{\"note\": \"{{note}}\"}"), Map.of("queue", "q", "note", "a/b?c=d#e \"quoted\" 50%"), SCHEMA);

        assertThat(step.required("url", BoundStep.Encoding.URL_COMPONENT)).isEqualTo(
                "https://a.example.com/notes/a%2Fb%3Fc%3Dd%23e%20%22quoted%22%2050%25?q=a%2Fb%3Fc%3Dd%23e%20%22quoted%22%2050%25");
        assertThat(step.required("body", BoundStep.Encoding.JSON_STRING)).isEqualTo("{\"note\": \"a/b?c=d#e \\\"quoted\\\" 50%\"}");
    }

    @Test
    void bindsSecretsButShowsThemMasked() {
        BoundStep step = bind(Map.of("headers.Authorization", "Bearer {{secret:checkouttoken}}"), Map.of("queue", "q"), SCHEMA);

        assertThat(step.required("headers.Authorization", BoundStep.Encoding.PLAIN)).isEqualTo("Bearer s3cr3t-t0ken");
        assertThat(step.display("headers.Authorization", BoundStep.Encoding.PLAIN)).isEqualTo("Bearer ****");
    }

    @Test
    void refusesAnUnconfiguredSecretWithoutGuessingIt() {
        BoundStep step = bind(Map.of("headers.Authorization", "Bearer {{secret:nope}}"), Map.of("queue", "q"), SCHEMA);

        assertThatThrownBy(() -> step.required("headers.Authorization", BoundStep.Encoding.PLAIN))
                .isInstanceOfSatisfying(StepRefused.class, refused -> {
                    assertThat(refused.field()).isEqualTo("settings.headers.Authorization");
                    assertThat(refused.getMessage()).contains("nope").doesNotContain("s3cr3t");
                });
    }

    @Test
    void refusesMalformedPlaceholders() {
        BoundStep step = bind(Map.of("url", "https://a.example.com/{{queue}/x"), Map.of("queue", "q"), SCHEMA);

        assertThatThrownBy(() -> step.required("url", BoundStep.Encoding.URL_COMPONENT))
                .isInstanceOfSatisfying(StepRefused.class, refused -> assertThat(refused.field()).isEqualTo("settings.url"));
    }

    @Test
    void masksEverySpellingOfEverySecret() {
        Secrets secrets = new Secrets(Map.of("a", "s3cr3t t0ken", "b", "other-secret"));

        assertThat(secrets.mask("echo: s3cr3t t0ken, url: /x?t=s3cr3t%20t0ken, and other-secret"))
                .isEqualTo("echo: ****, url: /x?t=****, and ****");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[]", "{\"type\": \"array\"}",
            "{\"properties\": {\"a\": {\"type\": \"string\", \"format\": \"email\"}}}",
            "{\"properties\": {\"a\": {\"type\": \"object\"}}}",
            "{\"properties\": {\"a\": {\"type\": \"string\"}}, \"required\": [\"b\"]}",
            "{\"properties\": {\"a\": {\"type\": \"string\", \"pattern\": \"(\"}}}",
            "{\"properties\": {\"a\": {\"type\": \"integer\", \"maximum\": 3, \"default\": 4}}}",
            "{\"properties\": {\"a\": {\"type\": \"string\"}}, \"oneOf\": []}"})
    void refusesASchemaOutsideTheSupportedSubset(String schema) {
        assertThatThrownBy(() -> ParameterSchema.parse(schema))
                .isInstanceOfSatisfying(StepRefused.class, refused -> assertThat(refused.field()).isEqualTo("parameterSchema"));
    }

    @Test
    void unsafeSyntaxDecodesPercentEncodingRepeatedly() {
        assertThat(UnsafeSyntax.problem("%25253B")).isPresent();
        assertThat(UnsafeSyntax.problem("100%")).isEmpty();
        assertThat(UnsafeSyntax.problem("a%zzb")).isEmpty();
        assertThat(Set.of("...", "a..b", "..a", ".hidden")).allSatisfy(value -> assertThat(UnsafeSyntax.problem(value)).isEmpty());
    }

    @Test
    void neverResolvesAPlaceholderCarriedByAParameterValue() {
        BoundStep step = bind(Map.of("headers.X-Note", "{{note}}"), Map.of("queue", "q", "note", "{{secret:checkouttoken}}"),
                SCHEMA);

        assertThat(step.required("headers.X-Note", BoundStep.Encoding.PLAIN)).isEqualTo("{{secret:checkouttoken}}");
    }

    @Test
    void readsTheSchemaTheOwnershipRegistryPublishes() {
        // As ownership-registry's ParameterSchema.of renders a STRING with a pattern, an INT with bounds and an ENUM.
        String published = """
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{
                 "queue":{"type":"string","pattern":"^(?:[a-z-]+)$"},
                 "replicas":{"type":"integer","minimum":1,"maximum":5},
                 "mode":{"type":"string","enum":["soft","hard"]}},
                 "required":["queue"],"additionalProperties":false}""";
        ParameterSchema schema = ParameterSchema.parse(published);

        assertThat(schema.validate(Map.of("queue", "orders", "replicas", "3", "mode", "hard")))
                .containsEntry("replicas", "3");
        assertThatThrownBy(() -> schema.validate(Map.of("queue", "orders-1"))).hasMessageContaining("parameters.queue");
        assertThatThrownBy(() -> schema.validate(Map.of("queue", "q", "replicas", "6"))).hasMessageContaining("parameters.replicas");
        assertThatThrownBy(() -> schema.validate(Map.of("queue", "q", "mode", "brutal"))).hasMessageContaining("parameters.mode");
    }
}
