package io.ownwatch.executor.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which parameters a runbook's JSON Schema marks secret ({@code "secret": true}, {@code "writeOnly": true} or
 * {@code "format": "password"}), so that no answer shows their values. A schema that cannot be read marks every
 * parameter secret: masking too much is the safe mistake.
 */
public final class SecretParameters {

    static final String MASK = "****";
    private static final JsonMapper JSON = JsonMapper.shared();

    private SecretParameters() {
    }

    /** The parameters with secret values masked; all masked when the schema is unknown. */
    public static Map<String, String> masked(Map<String, String> parameters, String schema, boolean schemaKnown) {
        Set<String> secret = schemaKnown ? names(schema) : null;
        Map<String, String> shown = new LinkedHashMap<>();
        new TreeSet<>(parameters.keySet()).forEach(name -> shown.put(name,
                secret == null || secret.contains(name) ? MASK : parameters.get(name)));
        return shown;
    }

    /** The secret parameter names, or {@code null} when the schema cannot be read. */
    static Set<String> names(String schema) {
        if (schema == null || schema.isBlank()) {
            return Set.of();
        }
        try {
            JsonNode properties = JSON.readTree(schema).path("properties");
            Set<String> secret = new TreeSet<>();
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                JsonNode definition = property.getValue();
                if (definition.path("secret").asBoolean(false) || definition.path("writeOnly").asBoolean(false)
                        || "password".equals(definition.path("format").asString(""))) {
                    secret.add(property.getKey());
                }
            }
            return secret;
        }
        catch (RuntimeException e) {
            return null;
        }
    }
}
