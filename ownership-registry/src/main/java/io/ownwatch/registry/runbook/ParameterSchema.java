package io.ownwatch.registry.runbook;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A runbook's parameters as the JSON Schema (draft 2020-12) published in {@code RunbookVersion.parameterSchema}:
 * what the executor validates a run's values against before it binds them into steps. Unknown values are refused
 * ({@code additionalProperties: false}), so a run cannot pass anything the reviewers did not see declared.
 */
public final class ParameterSchema {

    private static final JsonMapper JSON = JsonMapper.shared();

    private ParameterSchema() {
    }

    public static String of(List<Parameter> parameters) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode schema = nodes.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = nodes.arrayNode();
        for (Parameter parameter : parameters) {
            ObjectNode property = properties.putObject(parameter.name());
            switch (parameter.type()) {
                case STRING -> {
                    property.put("type", "string");
                    if (parameter.pattern() != null) {
                        // JSON Schema patterns are not anchored; the runbook's are, as in LabelMatcher.
                        property.put("pattern", "^(?:" + parameter.pattern() + ")$");
                    }
                }
                case INT -> {
                    property.put("type", "integer");
                    if (parameter.min() != null) {
                        property.put("minimum", parameter.min());
                    }
                    if (parameter.max() != null) {
                        property.put("maximum", parameter.max());
                    }
                }
                case ENUM -> {
                    property.put("type", "string");
                    ArrayNode values = property.putArray("enum");
                    parameter.allowedValues().forEach(values::add);
                }
            }
            if (parameter.required()) {
                required.add(parameter.name());
            }
        }
        schema.set("required", required);
        schema.put("additionalProperties", false);
        return JSON.writeValueAsString(schema);
    }
}
