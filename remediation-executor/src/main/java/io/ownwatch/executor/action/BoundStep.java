package io.ownwatch.executor.action;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step whose parameters have been validated, ready for its {@link Action} to read its settings. A setting is bound
 * when it is read, with the encoding of the place it goes to: a value bound into a URL is percent-encoded (so it
 * cannot add a path segment or a query parameter), into a JSON body escaped as JSON string content.
 */
public final class BoundStep {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*(secret:)?([A-Za-z0-9_.-]+)\\s*}}");
    private static final Pattern SOLE_PARAMETER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private final ActionStep step;
    private final StepContext context;
    private final ParameterSchema schema;
    private final Map<String, String> parameters;
    private final Secrets secrets;

    BoundStep(ActionStep step, StepContext context, ParameterSchema schema, Map<String, String> parameters,
            Secrets secrets) {
        this.step = step;
        this.context = context;
        this.schema = schema;
        this.parameters = Map.copyOf(parameters);
        this.secrets = secrets;
    }

    /** How a bound value is written into its setting. */
    public enum Encoding {
        /** As it is: a Kubernetes name, a header value, a number. */
        PLAIN,
        /** Percent-encoded except RFC 3986's unreserved characters: any part of a URL. */
        URL_COMPONENT,
        /** Escaped as the content of a JSON string. */
        JSON_STRING
    }

    public String name() {
        return step.name();
    }

    public ActionType action() {
        return step.action();
    }

    public StepContext context() {
        return context;
    }

    public Secrets secrets() {
        return secrets;
    }

    /** Whether the step has this setting. */
    public boolean has(String key) {
        String template = step.settings().get(key);
        return template != null && !template.isBlank();
    }

    /** The setting with parameters and secrets bound, if the step has it. */
    public Optional<String> setting(String key, Encoding encoding) {
        return has(key) ? Optional.of(bind(key, encoding, false)) : Optional.empty();
    }

    /**
     * The setting with parameters and secrets bound.
     *
     * @throws StepRefused naming {@code settings.<key>} when the step lacks it
     */
    public String required(String key, Encoding encoding) {
        if (!has(key)) {
            throw new StepRefused("settings." + key, "is required for " + step.action());
        }
        return bind(key, encoding, false);
    }

    /** The setting as a description shows it: parameters bound, secrets {@value Secrets#MASK}. */
    public String display(String key, Encoding encoding) {
        return has(key) ? bind(key, encoding, true) : "";
    }

    /** The settings whose key starts with the prefix ({@code headers.}), keyed by the rest, sorted. */
    public Map<String, String> keysUnder(String prefix) {
        Map<String, String> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        step.settings().keySet().stream()
                .filter(key -> key.startsWith(prefix) && key.length() > prefix.length())
                .forEach(key -> keys.put(key.substring(prefix.length()), key));
        return keys;
    }

    /**
     * The field a refusal of this setting's value names: the parameter when the setting is exactly one parameter
     * ({@code replicas: "{{replicas}}"} refuses {@code parameters.replicas}), else the setting.
     */
    public String fieldOf(String key) {
        String template = step.settings().getOrDefault(key, "");
        Matcher sole = SOLE_PARAMETER.matcher(template.strip());
        return sole.matches() ? "parameters." + sole.group(1) : "settings." + key;
    }

    private String bind(String key, Encoding encoding, boolean masked) {
        String template = step.settings().get(key);
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder bound = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            String literal = template.substring(last, matcher.start());
            if (literal.contains("{{") || literal.contains("}}")) {
                throw new StepRefused("settings." + key, "has a malformed placeholder");
            }
            bound.append(literal);
            String name = matcher.group(2);
            if (matcher.group(1) != null) {
                String secret = secrets.value(name).orElseThrow(() ->
                        new StepRefused("settings." + key, "references the secret '" + name
                                + "', which is not configured (ownwatch.executor.secrets." + name + ")"));
                bound.append(masked ? Secrets.MASK : encode(secret, encoding));
            }
            else {
                if (!schema.declares(name)) {
                    throw new StepRefused("parameters." + name, "is used by settings." + key
                            + " but not declared by the runbook's parameter schema");
                }
                String value = parameters.get(name);
                if (value == null) {
                    throw new StepRefused("parameters." + name, "is used by settings." + key + " but has no value");
                }
                bound.append(encode(value, encoding));
            }
            last = matcher.end();
        }
        String rest = template.substring(last);
        if (rest.contains("{{") || rest.contains("}}")) {
            throw new StepRefused("settings." + key, "has a malformed placeholder");
        }
        bound.append(rest);
        return bound.toString();
    }

    static String encode(String value, Encoding encoding) {
        return switch (encoding) {
            case PLAIN -> value;
            case URL_COMPONENT -> URLEncoder.encode(value, StandardCharsets.UTF_8)
                    .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
            case JSON_STRING -> jsonEscape(value);
        };
    }

    private static String jsonEscape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        escaped.append("\\u%04x".formatted((int) c));
                    }
                    else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
