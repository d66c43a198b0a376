package io.ownwatch.registry.runbook;

import java.util.List;
import java.util.Map;

import io.ownwatch.registry.ownership.LabelMatcher;
import io.ownwatch.registry.ownership.MatchOp;

/** Valid runbook content to vary in tests. */
final class SampleRunbooks {

    private SampleRunbooks() {
    }

    static Step http(String method, String host, String path) {
        return new Step("call", ActionType.HTTP_REQUEST, Map.of("method", method, "host", host, "path", path));
    }

    static Step restart(String namespace, String deployment) {
        return new Step("restart", ActionType.KUBERNETES_ROLLOUT_RESTART, Map.of("namespace", namespace, "deployment", deployment));
    }

    static Step scale(String replicas, String min, String max) {
        return new Step("scale", ActionType.KUBERNETES_SCALE, Map.of("namespace", "shop", "deployment", "checkout",
                "replicas", replicas, "minReplicas", min, "maxReplicas", max));
    }

    static Parameter string(String name) {
        return new Parameter(name, ParameterType.STRING, true, "[a-z-]+", null, null, List.of());
    }

    static Parameter integer(String name, long min, long max) {
        return new Parameter(name, ParameterType.INT, true, null, min, max, List.of());
    }

    static RunbookContent content(List<Parameter> parameters, List<String> allowlist, Step... steps) {
        return new RunbookContent("Restart checkout", "When checkout hangs", List.of("checkout"),
                List.of(new LabelMatcher("alertname", MatchOp.EQUALS, "CheckoutDown")), parameters, List.of(steps),
                RunbookMode.NEEDS_APPROVAL, RiskClass.MEDIUM, false, 2, 600, 300, 1, allowlist, false, 0, 300, 1);
    }

    /** The content with another grace period and trigger level. */
    static RunbookContent withTrigger(RunbookContent content, int gracePeriodSeconds, int triggerAtLevel) {
        return new RunbookContent(content.title(), content.description(), content.serviceIds(), content.alertMatchers(),
                content.parameters(), content.steps(), content.mode(), content.riskClass(), content.selfService(),
                content.maxRunsPerHour(), content.cooldownSeconds(), content.timeoutSeconds(), content.maxTargets(),
                content.hostAllowlist(), content.shadow(), gracePeriodSeconds, content.verificationSeconds(), triggerAtLevel);
    }

    static RunbookContent valid() {
        return content(List.of(string("deployment")), List.of("*.example.com"),
                restart("shop", "{{deployment}}"), http("POST", "api.example.com", "/v1/flush"));
    }
}
