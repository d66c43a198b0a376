package io.ownwatch.registry.runbook.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.ownwatch.registry.ownership.LabelMatcher;
import io.ownwatch.registry.ownership.MatchOp;
import io.ownwatch.registry.runbook.ActionType;
import io.ownwatch.registry.runbook.Parameter;
import io.ownwatch.registry.runbook.ParameterType;
import io.ownwatch.registry.runbook.RiskClass;
import io.ownwatch.registry.runbook.RunbookContent;
import io.ownwatch.registry.runbook.RunbookMode;
import io.ownwatch.registry.runbook.Step;
import io.ownwatch.registry.runbook.Violation;

/**
 * A runbook version as a client writes it: the same fields as the {@code content} of every answer, so that what
 * was read can be sent back; on create also the runbook's {@code id} and owning {@code teamId}. Guardrails left out
 * take their defaults. Validation happens in {@link io.ownwatch.registry.runbook.RunbookRules}, which names every
 * offending field at once; only the label matchers are checked here, because {@link LabelMatcher} refuses to
 * exist when invalid.
 */
record RunbookDefinition(String id, String teamId, String title, String description, List<String> serviceIds,
        List<MatcherJson> alertMatchers, List<ParameterJson> parameters, List<StepJson> steps, RunbookMode mode,
        RiskClass riskClass, Boolean selfService, Integer maxRunsPerHour, Integer cooldownSeconds, Integer timeoutSeconds,
        Integer maxTargets, List<String> hostAllowlist, Boolean shadow, Integer gracePeriodSeconds,
        Integer verificationSeconds, Integer triggerAtLevel) {

    record MatcherJson(String label, MatchOp op, String value) {
    }

    record ParameterJson(String name, ParameterType type, Boolean required, String pattern, Long min, Long max,
            List<String> allowedValues) {
    }

    record StepJson(String name, ActionType action, Map<String, String> settings) {
    }

    /** The content, adding what is wrong with the matchers to {@code violations}. */
    RunbookContent toContent(List<Violation> violations) {
        List<LabelMatcher> matchers = new ArrayList<>();
        List<MatcherJson> given = alertMatchers == null ? List.of() : alertMatchers;
        for (int i = 0; i < given.size(); i++) {
            String at = "alertMatchers[" + i + "]";
            MatcherJson matcher = given.get(i);
            if (matcher == null) {
                violations.add(new Violation(at, "must not be null"));
                continue;
            }
            int before = violations.size();
            if (matcher.label() == null || matcher.label().isBlank()) {
                violations.add(new Violation(at + ".label", "must not be blank"));
            }
            if (matcher.op() == null) {
                violations.add(new Violation(at + ".op", "must be EQUALS, NOT_EQUALS, REGEX or NOT_REGEX"));
            }
            if (matcher.value() == null) {
                violations.add(new Violation(at + ".value", "must not be null"));
            }
            else if (matcher.op() != null && matcher.op().isRegex()) {
                try {
                    Pattern.compile(matcher.value());
                }
                catch (PatternSyntaxException ex) {
                    violations.add(new Violation(at + ".value", "is not a valid regular expression: " + ex.getDescription()));
                }
            }
            if (violations.size() == before) {
                matchers.add(new LabelMatcher(matcher.label(), matcher.op(), matcher.value()));
            }
        }
        List<Parameter> domainParameters = parameters == null ? null : parameters.stream()
                .map(p -> p == null ? null : new Parameter(p.name(), p.type(), Boolean.TRUE.equals(p.required()), p.pattern(),
                        p.min(), p.max(), p.allowedValues()))
                .toList();
        List<Step> domainSteps = steps == null ? null : steps.stream()
                .map(s -> s == null ? null : new Step(s.name(), s.action(), s.settings()))
                .toList();
        return new RunbookContent(title, description, serviceIds, matchers, domainParameters, domainSteps, mode, riskClass,
                Boolean.TRUE.equals(selfService),
                or(maxRunsPerHour, RunbookContent.DEFAULT_MAX_RUNS_PER_HOUR),
                or(cooldownSeconds, RunbookContent.DEFAULT_COOLDOWN_SECONDS),
                or(timeoutSeconds, RunbookContent.DEFAULT_TIMEOUT_SECONDS),
                or(maxTargets, RunbookContent.DEFAULT_MAX_TARGETS),
                hostAllowlist, Boolean.TRUE.equals(shadow),
                or(gracePeriodSeconds, RunbookContent.DEFAULT_GRACE_PERIOD_SECONDS),
                or(verificationSeconds, RunbookContent.DEFAULT_VERIFICATION_SECONDS),
                or(triggerAtLevel, RunbookContent.DEFAULT_TRIGGER_AT_LEVEL));
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
