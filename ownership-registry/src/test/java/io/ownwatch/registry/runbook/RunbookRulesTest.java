package io.ownwatch.registry.runbook;

import static io.ownwatch.registry.runbook.SampleRunbooks.content;
import static io.ownwatch.registry.runbook.SampleRunbooks.http;
import static io.ownwatch.registry.runbook.SampleRunbooks.integer;
import static io.ownwatch.registry.runbook.SampleRunbooks.restart;
import static io.ownwatch.registry.runbook.SampleRunbooks.scale;
import static io.ownwatch.registry.runbook.SampleRunbooks.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunbookRulesTest {

    private static List<String> fields(RunbookContent content) {
        return RunbookRules.validate(content).stream().map(Violation::field).toList();
    }

    @Test
    void acceptsAValidRunbook() {
        assertThat(RunbookRules.validate(SampleRunbooks.valid())).isEmpty();
    }

    @Test
    void namesTheStepSettingThatBreaksARule() {
        RunbookContent content = content(List.of(), List.of("api.example.com"),
                restart("shop", "checkout"), http("POST", "api.example.com", "v1/flush"));
        assertThat(RunbookRules.validate(content))
                .containsExactly(new Violation("steps[1].settings.path", "must start with '/'"));
    }

    @ParameterizedTest
    @CsvSource({
            "GET, api.example.com, true",
            "CONNECT, api.example.com, false",
            "get, api.example.com, false",
            "DELETE, evil.test, false",
            "PATCH, example.com, false",
            "PUT, deep.api.example.com, true"})
    void checksHttpMethodAndHostAgainstTheAllowlist(String method, String host, boolean valid) {
        RunbookContent content = content(List.of(), List.of("*.example.com"), http(method, host, "/x"));
        assertThat(RunbookRules.validate(content).isEmpty()).as(RunbookRules.validate(content).toString()).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"8443, true", "1, true", "65535, true", "0, false", "65536, false", "80a, false", "{{port}}, false"})
    void takesAnOptionalLiteralPort(String port, boolean valid) {
        RunbookContent content = content(List.of(), List.of("api.example.com"), new Step("call", ActionType.HTTP_REQUEST,
                Map.of("method", "GET", "host", "api.example.com", "path", "/x", "port", port)));
        assertThat(fields(content).isEmpty()).as(fields(content).toString()).isEqualTo(valid);
    }

    @Test
    void refusesATemplatedHostBecauseTheAllowlistCouldNotBeChecked() {
        RunbookContent content = content(List.of(string("target")), List.of("*.example.com"), http("GET", "{{target}}", "/x"));
        assertThat(fields(content)).containsExactly("steps[0].settings.host");
    }

    @Test
    void refusesReferencesToUndeclaredParameters() {
        RunbookContent content = content(List.of(string("deployment")), List.of(),
                restart("{{namespace}}", "{{deployment}}"));
        assertThat(RunbookRules.validate(content)).containsExactly(new Violation("steps[0].settings.namespace",
                "references '{{namespace}}', which is not a declared parameter"));
    }

    @Test
    void requiresTheSettingsOfEachActionAndRefusesUnknownOnes() {
        Step step = new Step("restart", ActionType.KUBERNETES_ROLLOUT_RESTART, Map.of("namespace", "shop", "command", "rm -rf /"));
        assertThat(fields(content(List.of(), List.of(), step)))
                .containsExactlyInAnyOrder("steps[0].settings.deployment", "steps[0].settings.command");
    }

    @ParameterizedTest
    @CsvSource({
            "3, 1, 5, ",
            "9, 1, 5, steps[0].settings.replicas",
            "3, 5, 1, steps[0].settings.maxReplicas",
            "x, 1, 5, steps[0].settings.replicas",
            "{{replicas}}, 1, 5, ",
            "{{replicas}}, 2, 5, steps[0].settings.replicas"})
    void keepsScalingWithinItsBounds(String replicas, String min, String max, String offending) {
        RunbookContent content = content(List.of(integer("replicas", 1, 5)), List.of(), scale(replicas, min, max));
        assertThat(fields(content)).isEqualTo(offending == null ? List.of() : List.of(offending));
    }

    @Test
    void checksEachParameterByItsType() {
        List<Parameter> parameters = List.of(
                new Parameter("size", ParameterType.INT, true, "[0-9]+", 5L, 1L, List.of()),
                new Parameter("colour", ParameterType.ENUM, false, null, null, null, List.of()),
                new Parameter("Bad name", ParameterType.STRING, false, "(", null, null, List.of("a")),
                new Parameter("size", ParameterType.STRING, false, null, null, null, List.of()));
        assertThat(fields(content(parameters, List.of(), restart("shop", "checkout")))).containsExactlyInAnyOrder(
                "parameters[0].pattern", "parameters[0].max", "parameters[1].allowedValues", "parameters[2].name",
                "parameters[2].pattern", "parameters[2].allowedValues", "parameters[3].name");
    }

    @Test
    void refusesAHighRiskRunbookThatWouldRunUnattended() {
        RunbookContent valid = SampleRunbooks.valid();
        RunbookContent automaticHighRisk = new RunbookContent(valid.title(), valid.description(), valid.serviceIds(),
                valid.alertMatchers(), valid.parameters(), valid.steps(), RunbookMode.AUTOMATIC, RiskClass.HIGH, false,
                valid.maxRunsPerHour(), valid.cooldownSeconds(), valid.timeoutSeconds(), valid.maxTargets(),
                valid.hostAllowlist(), false, 0, 300, 1);
        assertThat(fields(automaticHighRisk)).containsExactly("mode");
    }

    @Test
    void namesEveryMissingOrOutOfRangeTopLevelField() {
        RunbookContent empty = new RunbookContent(" ", null, List.of(), List.of(), List.of(), List.of(), null, null, false,
                0, -1, 0, 0, List.of("https://example.com"), false, -1, -1, 0);
        assertThat(fields(empty)).containsExactlyInAnyOrder("title", "serviceIds", "mode", "riskClass", "maxRunsPerHour",
                "cooldownSeconds", "timeoutSeconds", "maxTargets", "hostAllowlist[0]", "steps", "gracePeriodSeconds",
                "verificationSeconds", "triggerAtLevel");
    }

    @Test
    void acceptsTriggerLevelsFromOneToTen() {
        assertThat(RunbookRules.validate(SampleRunbooks.withTrigger(SampleRunbooks.valid(), 0, 1))).isEmpty();
        assertThat(RunbookRules.validate(SampleRunbooks.withTrigger(SampleRunbooks.valid(), 30, 1))).isEmpty();
        assertThat(RunbookRules.validate(SampleRunbooks.withTrigger(SampleRunbooks.valid(), 0, 2))).isEmpty();
        assertThat(RunbookRules.validate(SampleRunbooks.withTrigger(SampleRunbooks.valid(), 0, 10))).isEmpty();
    }

    @Test
    void refusesATriggerLevelOutsideOneToTen() {
        assertThat(fields(SampleRunbooks.withTrigger(SampleRunbooks.valid(), 0, 0))).containsExactly("triggerAtLevel");
        assertThat(fields(SampleRunbooks.withTrigger(SampleRunbooks.valid(), 0, 11))).containsExactly("triggerAtLevel");
        assertThat(fields(SampleRunbooks.withTrigger(SampleRunbooks.valid(), 0, -3))).containsExactly("triggerAtLevel");
    }

    @Test
    void refusesAGracePeriodOnARunbookTriggeredAfterTheFirstPage() {
        assertThat(RunbookRules.validate(SampleRunbooks.withTrigger(SampleRunbooks.valid(), 30, 2)))
                .singleElement()
                .satisfies(violation -> assertThat(violation.field()).isEqualTo("gracePeriodSeconds"))
                .satisfies(violation -> assertThat(violation.message()).contains("level 2").contains("first page"));
    }

    @Test
    void requireValidThrowsWithEveryViolationSortedByField() {
        RunbookContent content = content(List.of(), List.of(), http("GET", "nowhere.test", "x"));
        assertThatThrownBy(() -> RunbookRules.requireValid(content))
                .isInstanceOfSatisfying(InvalidRunbook.class, ex -> assertThat(ex.violations()).extracting(Violation::field)
                        .containsExactly("steps[0].settings.host", "steps[0].settings.path"))
                .hasMessageStartingWith("'steps[0].settings.host'");
    }

    @ParameterizedTest
    @CsvSource({
            "api.example.com, example.com, false",
            "api.example.com, *.example.com, true",
            "example.com, *.example.com, false",
            "evilexample.com, *.example.com, false",
            "API.example.com, api.example.com, true"})
    void matchesHostsExactlyOrBySuffix(String host, String entry, boolean allowed) {
        assertThat(RunbookRules.allowed(host, List.of(entry))).isEqualTo(allowed);
    }
}
