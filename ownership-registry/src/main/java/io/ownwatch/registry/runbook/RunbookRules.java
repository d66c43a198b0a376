package io.ownwatch.registry.runbook;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.ownwatch.registry.Slug;

/**
 * The rules a runbook version must keep before it is stored: a pure function from content to violations, so that
 * every rule is tested without a server and a request learns every problem at once.
 *
 * <p>Safety rules beyond shape: an HTTP step calls only a literal host that the runbook's own
 * {@code hostAllowlist} lists (a templated host could be pointed anywhere at run time); every {@code {{name}}}
 * in a setting is a declared parameter; a scale step stays within its declared replica bounds; and a HIGH-risk
 * runbook cannot be AUTOMATIC. A runbook triggered at a later escalation level has no grace period, because the
 * grace period holds the first page and such a runbook only runs after it.
 */
public final class RunbookRules {

    public static final int MAX_STEPS = 20;
    public static final int MAX_PARAMETERS = 20;

    static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*([^{}\\s]*)\\s*}}");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z][A-Za-z0-9_]{0,62}");
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*");
    private static final Pattern KUBERNETES_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private RunbookRules() {
    }

    /** Throws {@link InvalidRunbook} listing every violation, if there is any. */
    public static void requireValid(RunbookContent content) {
        List<Violation> violations = validate(content);
        if (!violations.isEmpty()) {
            throw new InvalidRunbook(violations);
        }
    }

    /** Every rule the content breaks; empty when it is valid. */
    public static List<Violation> validate(RunbookContent content) {
        List<Violation> found = new ArrayList<>();
        text(found, "title", content.title(), true, 200);
        text(found, "description", content.description(), false, 4000);
        for (int i = 0; i < content.serviceIds().size(); i++) {
            String id = content.serviceIds().get(i);
            if (id == null || !id.matches(Slug.PATTERN)) {
                found.add(new Violation("serviceIds[" + i + "]", "must be a service id (a slug)"));
            }
        }
        for (int i = 0; i < content.alertMatchers().size(); i++) {
            if (content.alertMatchers().get(i) == null) {
                found.add(new Violation("alertMatchers[" + i + "]", "must not be null"));
            }
        }
        if (content.serviceIds().isEmpty() && content.alertMatchers().isEmpty()) {
            found.add(new Violation("serviceIds", "must name a service, unless alertMatchers say which alerts the runbook applies to"));
        }
        if (content.mode() == null) {
            found.add(new Violation("mode", "must be AUTOMATIC or NEEDS_APPROVAL"));
        }
        if (content.riskClass() == null) {
            found.add(new Violation("riskClass", "must be LOW, MEDIUM or HIGH"));
        }
        if (content.mode() == RunbookMode.AUTOMATIC && content.riskClass() == RiskClass.HIGH) {
            found.add(new Violation("mode", "must be NEEDS_APPROVAL for a HIGH-risk runbook: it never runs unattended"));
        }
        range(found, "maxRunsPerHour", content.maxRunsPerHour(), 1, 60);
        range(found, "cooldownSeconds", content.cooldownSeconds(), 0, 86_400);
        range(found, "timeoutSeconds", content.timeoutSeconds(), 1, 3_600);
        range(found, "maxTargets", content.maxTargets(), 1, 100);
        range(found, "gracePeriodSeconds", content.gracePeriodSeconds(), 0, 3_600);
        range(found, "verificationSeconds", content.verificationSeconds(), 0, 86_400);
        range(found, "triggerAtLevel", content.triggerAtLevel(), 1, RunbookContent.MAX_TRIGGER_AT_LEVEL);
        if (content.gracePeriodSeconds() > 0 && content.triggerAtLevel() > RunbookContent.DEFAULT_TRIGGER_AT_LEVEL) {
            // The grace period holds the first page; a runbook requested only once a later level is paged comes
            // after that page, so a grace period there would promise a hold that never happens.
            found.add(new Violation("gracePeriodSeconds", "must be 0 for a runbook triggered at level "
                    + content.triggerAtLevel() + ": a grace period holds the first page, which a later level follows"));
        }
        for (int i = 0; i < content.hostAllowlist().size(); i++) {
            String host = content.hostAllowlist().get(i);
            if (host == null || !HOST.matcher(host).matches()) {
                found.add(new Violation("hostAllowlist[" + i + "]",
                        "must be a lower-case host name, or *.suffix for every host under suffix (no scheme, port or path)"));
            }
        }
        Map<String, Parameter> declared = parameters(found, content.parameters());
        if (content.steps().isEmpty()) {
            found.add(new Violation("steps", "must contain at least one step"));
        }
        if (content.steps().size() > MAX_STEPS) {
            found.add(new Violation("steps", "must contain at most " + MAX_STEPS + " steps"));
        }
        for (int i = 0; i < content.steps().size(); i++) {
            step(found, "steps[" + i + "]", content.steps().get(i), declared, content.hostAllowlist());
        }
        return List.copyOf(found);
    }

    /** Whether {@code host} is allowed by an entry of the allowlist: equal, or under the suffix of a {@code *.suffix} entry. */
    public static boolean allowed(String host, List<String> allowlist) {
        String candidate = host.toLowerCase(Locale.ROOT);
        for (String entry : allowlist) {
            if (entry == null) {
                continue;
            }
            if (entry.startsWith("*.") ? candidate.endsWith(entry.substring(1)) && candidate.length() > entry.length() - 1
                    : candidate.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** The parameter names a setting value references. */
    public static List<String> references(String value) {
        List<String> names = new ArrayList<>();
        Matcher matcher = REFERENCE.matcher(value);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Map<String, Parameter> parameters(List<Violation> found, List<Parameter> parameters) {
        Map<String, Parameter> declared = new java.util.LinkedHashMap<>();
        if (parameters.size() > MAX_PARAMETERS) {
            found.add(new Violation("parameters", "must contain at most " + MAX_PARAMETERS + " parameters"));
        }
        for (int i = 0; i < parameters.size(); i++) {
            String at = "parameters[" + i + "]";
            Parameter parameter = parameters.get(i);
            if (parameter == null) {
                found.add(new Violation(at, "must not be null"));
                continue;
            }
            if (parameter.name() == null || !PARAMETER_NAME.matcher(parameter.name()).matches()) {
                found.add(new Violation(at + ".name", "must start with a lower-case letter, then letters, digits or '_', at most 63"));
            }
            else if (declared.putIfAbsent(parameter.name(), parameter) != null) {
                found.add(new Violation(at + ".name", "'" + parameter.name() + "' is declared twice"));
            }
            if (parameter.type() == null) {
                found.add(new Violation(at + ".type", "must be STRING, INT or ENUM"));
                continue;
            }
            boolean string = parameter.type() == ParameterType.STRING;
            boolean integer = parameter.type() == ParameterType.INT;
            boolean enumeration = parameter.type() == ParameterType.ENUM;
            if (parameter.pattern() != null) {
                if (!string) {
                    found.add(new Violation(at + ".pattern", "applies to STRING parameters only"));
                }
                else {
                    try {
                        Pattern.compile(parameter.pattern());
                    }
                    catch (PatternSyntaxException ex) {
                        found.add(new Violation(at + ".pattern", "is not a valid regular expression: " + ex.getDescription()));
                    }
                }
            }
            if (!integer && parameter.min() != null) {
                found.add(new Violation(at + ".min", "applies to INT parameters only"));
            }
            if (!integer && parameter.max() != null) {
                found.add(new Violation(at + ".max", "applies to INT parameters only"));
            }
            if (integer && parameter.min() != null && parameter.max() != null && parameter.min() > parameter.max()) {
                found.add(new Violation(at + ".max", "must not be less than min"));
            }
            if (enumeration && parameter.allowedValues().isEmpty()) {
                found.add(new Violation(at + ".allowedValues", "must list the values an ENUM parameter takes"));
            }
            if (enumeration) {
                Set<String> seen = new HashSet<>();
                for (int v = 0; v < parameter.allowedValues().size(); v++) {
                    String value = parameter.allowedValues().get(v);
                    if (value == null || value.isBlank() || !seen.add(value)) {
                        found.add(new Violation(at + ".allowedValues[" + v + "]", "must be a distinct, non-blank value"));
                    }
                }
            }
            else if (!parameter.allowedValues().isEmpty()) {
                found.add(new Violation(at + ".allowedValues", "applies to ENUM parameters only"));
            }
        }
        return declared;
    }

    private static void step(List<Violation> found, String at, Step step, Map<String, Parameter> declared, List<String> allowlist) {
        if (step == null) {
            found.add(new Violation(at, "must not be null"));
            return;
        }
        text(found, at + ".name", step.name(), true, 200);
        if (step.action() == null) {
            found.add(new Violation(at + ".action",
                    "must be HTTP_REQUEST, KUBERNETES_ROLLOUT_RESTART, KUBERNETES_SCALE or KUBERNETES_DELETE_POD"));
            return;
        }
        Map<String, String> settings = step.settings();
        for (String key : step.action().required()) {
            String value = settings.get(key);
            if (value == null || value.isBlank()) {
                found.add(new Violation(at + ".settings." + key, "is required for " + step.action()));
            }
        }
        settings.forEach((key, value) -> {
            String field = at + ".settings." + key;
            if (!step.action().knows(key)) {
                found.add(new Violation(field, "is not a setting of " + step.action()));
            }
            else if (value != null) {
                if (value.length() > 4000) {
                    found.add(new Violation(field, "must be at most 4000 characters"));
                }
                for (String name : references(value)) {
                    if (!declared.containsKey(name)) {
                        found.add(new Violation(field, "references '{{" + name + "}}', which is not a declared parameter"));
                    }
                }
            }
        });
        switch (step.action()) {
            case HTTP_REQUEST -> http(found, at, settings, allowlist);
            case KUBERNETES_ROLLOUT_RESTART -> kubernetes(found, at, settings, "namespace", "deployment");
            case KUBERNETES_DELETE_POD -> kubernetes(found, at, settings, "namespace", "pod");
            case KUBERNETES_SCALE -> {
                kubernetes(found, at, settings, "namespace", "deployment");
                scale(found, at, settings, declared);
            }
        }
    }

    private static void http(List<Violation> found, String at, Map<String, String> settings, List<String> allowlist) {
        String method = settings.get("method");
        if (method != null && !method.isBlank() && !HTTP_METHODS.contains(method)) {
            found.add(new Violation(at + ".settings.method", "must be one of GET, POST, PUT, PATCH, DELETE"));
        }
        String path = settings.get("path");
        if (path != null && !path.isBlank() && !path.startsWith("/")) {
            found.add(new Violation(at + ".settings.path", "must start with '/'"));
        }
        String scheme = settings.get("scheme");
        if (scheme != null && !scheme.equals("https") && !scheme.equals("http")) {
            found.add(new Violation(at + ".settings.scheme", "must be https or http"));
        }
        String port = settings.get("port");
        if (port != null && !(port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535)) {
            found.add(new Violation(at + ".settings.port", "must be a port number from 1 to 65535"));
        }
        String expectStatus = settings.get("expectStatus");
        if (expectStatus != null && !expectStatus.matches("[1-5][0-9][0-9]")) {
            found.add(new Violation(at + ".settings.expectStatus", "must be an HTTP status code"));
        }
        String host = settings.get("host");
        if (host != null && !host.isBlank()) {
            if (!references(host).isEmpty() || host.contains("{{")) {
                found.add(new Violation(at + ".settings.host", "must be a literal host, so that it can be checked against hostAllowlist"));
            }
            else if (!HOST.matcher(host).matches() || host.startsWith("*")) {
                found.add(new Violation(at + ".settings.host", "must be a lower-case host name without scheme, port or path"));
            }
            else if (!allowed(host, allowlist)) {
                found.add(new Violation(at + ".settings.host", "'" + host + "' is not in hostAllowlist"));
            }
        }
    }

    private static void kubernetes(List<Violation> found, String at, Map<String, String> settings, String... keys) {
        for (String key : keys) {
            String value = settings.get(key);
            if (value != null && !value.isBlank() && references(value).isEmpty() && !KUBERNETES_NAME.matcher(value).matches()) {
                found.add(new Violation(at + ".settings." + key, "must be a Kubernetes name (lower-case letters, digits, '-' and '.') or a {{parameter}}"));
            }
        }
    }

    private static void scale(List<Violation> found, String at, Map<String, String> settings, Map<String, Parameter> declared) {
        Integer min = count(found, at + ".settings.minReplicas", settings.get("minReplicas"));
        Integer max = count(found, at + ".settings.maxReplicas", settings.get("maxReplicas"));
        if (min != null && max != null && min > max) {
            found.add(new Violation(at + ".settings.maxReplicas", "must not be less than minReplicas"));
            return;
        }
        String replicas = settings.get("replicas");
        if (replicas == null || replicas.isBlank()) {
            return;
        }
        String field = at + ".settings.replicas";
        List<String> names = references(replicas);
        if (names.isEmpty()) {
            Integer value = count(found, field, replicas);
            if (value != null && min != null && max != null && (value < min || value > max)) {
                found.add(new Violation(field, "must be between minReplicas and maxReplicas"));
            }
            return;
        }
        if (names.size() != 1 || !replicas.strip().matches("\\{\\{\\s*[^{}\\s]*\\s*}}")) {
            found.add(new Violation(field, "must be a number or exactly one {{parameter}}"));
            return;
        }
        Parameter parameter = declared.get(names.get(0));
        if (parameter == null) {
            return; // reported as an undeclared reference
        }
        if (parameter.type() != ParameterType.INT) {
            found.add(new Violation(field, "references '" + parameter.name() + "', which must be an INT parameter"));
        }
        else if (min != null && max != null
                && (parameter.min() == null || parameter.max() == null || parameter.min() < min || parameter.max() > max)) {
            found.add(new Violation(field, "references '" + parameter.name()
                    + "', whose min and max must lie within minReplicas and maxReplicas"));
        }
    }

    private static Integer count(List<Violation> found, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < 0 || parsed > 1000) {
                found.add(new Violation(field, "must be between 0 and 1000"));
                return null;
            }
            return parsed;
        }
        catch (NumberFormatException ex) {
            found.add(new Violation(field, "must be a whole number"));
            return null;
        }
    }

    private static void text(List<Violation> found, String field, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) {
                found.add(new Violation(field, "must not be blank"));
            }
        }
        else if (value.length() > max) {
            found.add(new Violation(field, "must be at most " + max + " characters"));
        }
    }

    private static void range(List<Violation> found, String field, int value, int min, int max) {
        if (value < min || value > max) {
            found.add(new Violation(field, "must be between " + min + " and " + max));
        }
    }
}
