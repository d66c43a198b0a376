package io.ownwatch.executor.action;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subset of JSON Schema a runbook declares its parameters with: an object whose properties are
 * {@code string}, {@code integer}, {@code number}, {@code boolean} or an {@code enum}, with {@code pattern},
 * {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum}, {@code default} and {@code required}.
 * Parameters arrive as strings (from labels, a form, a request), so types are checked on their text.
 *
 * <p>A keyword outside the subset makes the schema unusable rather than ignored: a constraint the runbook's
 * approver read but the executor does not enforce would be a hole. Properties are closed: an undeclared parameter is
 * refused whatever {@code additionalProperties} says.
 */
final class ParameterSchema {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> ROOT_KEYWORDS = Set.of("$schema", "$id", "title", "description", "type",
            "properties", "required", "additionalProperties");
    private static final Set<String> PROPERTY_KEYWORDS = Set.of("title", "description", "type", "enum", "pattern",
            "minLength", "maxLength", "minimum", "maximum", "default", "examples",
            // An annotation, not a constraint: the value is write-only, a secret never shown back (see SecretParameters).
            "writeOnly");
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

    private final Map<String, Property> properties;
    private final Set<String> required;

    private ParameterSchema(Map<String, Property> properties, Set<String> required) {
        this.properties = properties;
        this.required = required;
    }

    /** The schema of a runbook that takes no parameters. */
    static ParameterSchema none() {
        return new ParameterSchema(Map.of(), Set.of());
    }

    /**
     * Reads a runbook's schema ({@code null} or blank = no parameters).
     *
     * @throws StepRefused naming {@code parameterSchema} when it is not JSON or not within the subset
     */
    static ParameterSchema parse(String json) {
        if (json == null || json.isBlank()) {
            return none();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        }
        catch (JacksonException ex) {
            throw invalid("is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("is not a JSON object");
        }
        for (String keyword : root.propertyNames()) {
            if (!ROOT_KEYWORDS.contains(keyword)) {
                throw invalid("uses '" + keyword + "', which the executor does not enforce");
            }
        }
        if (root.has("type") && !"object".equals(root.get("type").asString())) {
            throw invalid("type must be object");
        }
        if (root.has("additionalProperties") && !(root.get("additionalProperties").isBoolean())) {
            throw invalid("additionalProperties must be a boolean (undeclared parameters are refused either way)");
        }
        Map<String, Property> properties = new LinkedHashMap<>();
        JsonNode declared = root.path("properties");
        if (!declared.isMissingNode() && !declared.isObject()) {
            throw invalid("properties must be an object");
        }
        for (Map.Entry<String, JsonNode> entry : declared.properties()) {
            properties.put(entry.getKey(), Property.parse(entry.getKey(), entry.getValue()));
        }
        List<String> required = new ArrayList<>();
        JsonNode requiredNode = root.path("required");
        if (!requiredNode.isMissingNode()) {
            if (!requiredNode.isArray()) {
                throw invalid("required must be an array");
            }
            for (JsonNode name : requiredNode) {
                if (!name.isString() || !properties.containsKey(name.asString())) {
                    throw invalid("required names '" + name.asString() + "', which is not a declared property");
                }
                required.add(name.asString());
            }
        }
        return new ParameterSchema(Map.copyOf(properties), Set.copyOf(required));
    }

    /** Whether the runbook declares this parameter. */
    boolean declares(String name) {
        return properties.containsKey(name);
    }

    /**
     * The request's parameters checked against the schema, defaults filled in.
     *
     * @throws StepRefused naming {@code parameters.<name>} for the first parameter that is undeclared, missing,
     *                     of the wrong type or form, or carries shell or path syntax
     */
    Map<String, String> validate(Map<String, String> supplied) {
        Map<String, String> valid = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : new java.util.TreeMap<>(supplied).entrySet()) {
            String name = entry.getKey();
            Property property = properties.get(name);
            if (property == null) {
                throw new StepRefused("parameters." + name, "is not declared by the runbook's parameter schema");
            }
            String value = entry.getValue();
            if (value == null) {
                throw new StepRefused("parameters." + name, "has no value");
            }
            property.check(value);
            valid.put(name, value);
        }
        for (Map.Entry<String, Property> entry : properties.entrySet()) {
            if (!valid.containsKey(entry.getKey())) {
                if (entry.getValue().defaultValue() != null) {
                    valid.put(entry.getKey(), entry.getValue().defaultValue());
                }
                else if (required.contains(entry.getKey())) {
                    throw new StepRefused("parameters." + entry.getKey(), "is required");
                }
            }
        }
        return valid;
    }

    private static StepRefused invalid(String reason) {
        return new StepRefused("parameterSchema", reason);
    }

    /** One declared parameter. */
    private record Property(String name, String type, List<String> allowed, Pattern pattern, Integer minLength,
            Integer maxLength, BigDecimal minimum, BigDecimal maximum, String defaultValue) {

        static Property parse(String name, JsonNode node) {
            if (!node.isObject()) {
                throw invalid("property '" + name + "' is not an object");
            }
            for (String keyword : node.propertyNames()) {
                if (!PROPERTY_KEYWORDS.contains(keyword)) {
                    throw invalid("property '" + name + "' uses '" + keyword + "', which the executor does not enforce");
                }
            }
            String type = node.has("type") ? node.get("type").asString() : null;
            if (type == null && !node.has("enum")) {
                throw invalid("property '" + name + "' has neither a type nor an enum");
            }
            if (type != null && !Set.of("string", "integer", "number", "boolean").contains(type)) {
                throw invalid("property '" + name + "' has type '" + type + "'; only string, integer, number, "
                        + "boolean and enum are supported");
            }
            List<String> allowed = null;
            if (node.has("enum")) {
                if (!node.get("enum").isArray() || node.get("enum").isEmpty()) {
                    throw invalid("property '" + name + "' has an enum that is not a non-empty array");
                }
                allowed = new ArrayList<>();
                for (JsonNode option : node.get("enum")) {
                    if (!option.isValueNode() || option.isNull()) {
                        throw invalid("property '" + name + "' has an enum value that is not a string, number or boolean");
                    }
                    allowed.add(option.asString());
                }
                allowed = List.copyOf(allowed);
            }
            Pattern pattern = null;
            if (node.has("pattern")) {
                try {
                    pattern = Pattern.compile(node.get("pattern").asString());
                }
                catch (PatternSyntaxException ex) {
                    throw invalid("property '" + name + "' has a pattern that does not compile");
                }
            }
            Property property = new Property(name, type, allowed, pattern, integer(node, "minLength", name),
                    integer(node, "maxLength", name), decimal(node, "minimum", name), decimal(node, "maximum", name),
                    null);
            if (node.has("default")) {
                String value = node.get("default").asString();
                try {
                    property.check(value);
                }
                catch (StepRefused ex) {
                    throw invalid("property '" + name + "' has a default that its own constraints refuse");
                }
                property = new Property(name, type, allowed, pattern, property.minLength(), property.maxLength(),
                        property.minimum(), property.maximum(), value);
            }
            return property;
        }

        private static Integer integer(JsonNode node, String keyword, String name) {
            if (!node.has(keyword)) {
                return null;
            }
            if (!node.get(keyword).isIntegralNumber() || node.get(keyword).asLong() < 0) {
                throw invalid("property '" + name + "' has a " + keyword + " that is not a non-negative integer");
            }
            return node.get(keyword).asInt();
        }

        private static BigDecimal decimal(JsonNode node, String keyword, String name) {
            if (!node.has(keyword)) {
                return null;
            }
            if (!node.get(keyword).isNumber()) {
                throw invalid("property '" + name + "' has a " + keyword + " that is not a number");
            }
            return node.get(keyword).decimalValue();
        }

        void check(String value) {
            String field = "parameters." + name;
            UnsafeSyntax.problem(value).ifPresent(problem -> {
                throw new StepRefused(field, problem);
            });
            if (type != null) {
                switch (type) {
                    case "integer" -> {
                        if (!INTEGER.matcher(value).matches()) {
                            throw new StepRefused(field, "must be an integer");
                        }
                        bounds(field, new BigDecimal(value));
                    }
                    case "number" -> {
                        if (!NUMBER.matcher(value).matches()) {
                            throw new StepRefused(field, "must be a number");
                        }
                        bounds(field, new BigDecimal(value));
                    }
                    case "boolean" -> {
                        if (!value.equals("true") && !value.equals("false")) {
                            throw new StepRefused(field, "must be true or false");
                        }
                    }
                    default -> {
                        // string: the length and pattern checks below
                    }
                }
            }
            int length = value.codePointCount(0, value.length());
            if (maxLength != null && length > maxLength) {
                throw new StepRefused(field, "is longer than " + maxLength + " characters");
            }
            if (minLength != null && length < minLength) {
                throw new StepRefused(field, "is shorter than " + minLength + " characters");
            }
            // JSON Schema patterns are not anchored: a runbook anchors them with ^ and $ where it means to.
            if (pattern != null && !pattern.matcher(value).find()) {
                throw new StepRefused(field, "does not match the pattern " + pattern.pattern());
            }
            if (allowed != null && !allowed.contains(value)) {
                throw new StepRefused(field, "must be one of " + allowed);
            }
        }

        private void bounds(String field, BigDecimal number) {
            if (minimum != null && number.compareTo(minimum) < 0) {
                throw new StepRefused(field, "must be at least " + minimum.toPlainString());
            }
            if (maximum != null && number.compareTo(maximum) > 0) {
                throw new StepRefused(field, "must be at most " + maximum.toPlainString());
            }
        }
    }
}
