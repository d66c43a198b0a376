package io.ownwatch.router.remediation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A parameter a runbook declares, as far as the router needs it: its name (the alert label it is bound from) and
 * whether a request without it makes sense. Types and patterns are the executor's to check, against the same schema.
 */
public record Parameter(String name, boolean required) {

    private static final JsonMapper JSON = JsonMapper.shared();

    public Parameter {
        Objects.requireNonNull(name, "name");
    }

    /**
     * The parameters of a {@code RunbookVersion.parameterSchema} (a JSON Schema object: {@code properties} and
     * {@code required}), in the order the schema declares them.
     *
     * @param schema the schema, or {@code null} for a runbook without parameters
     * @throws RunbookUnreadable when the schema is not such an object
     */
    public static List<Parameter> fromSchema(String runbookId, String schema) {
        if (schema == null || schema.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(schema);
        } catch (JacksonException e) {
            throw new RunbookUnreadable(runbookId, "its parameterSchema is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new RunbookUnreadable(runbookId, "its parameterSchema is not a JSON object");
        }
        JsonNode properties = root.path("properties");
        JsonNode required = root.path("required");
        if (!properties.isMissingNode() && !properties.isObject()) {
            throw new RunbookUnreadable(runbookId, "its parameterSchema's properties is not an object");
        }
        if (!required.isMissingNode() && !required.isArray()) {
            throw new RunbookUnreadable(runbookId, "its parameterSchema's required is not an array");
        }
        List<String> requiredNames = new ArrayList<>();
        required.values().forEach(name -> requiredNames.add(name.asString()));
        List<Parameter> parameters = new ArrayList<>();
        properties.propertyNames().forEach(name -> parameters.add(new Parameter(name, requiredNames.contains(name))));
        for (String name : requiredNames) {
            if (parameters.stream().noneMatch(p -> p.name().equals(name))) {
                parameters.add(new Parameter(name, true));
            }
        }
        return List.copyOf(parameters);
    }
}
