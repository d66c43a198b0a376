package io.ownwatch.schemas.compatibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * BACKWARD_TRANSITIVE, as Confluent's registry defines it: the current schema, as a reader, must be able to read
 * data written with every released version, not only the last one; a consumer upgraded today may still meet
 * records written months ago on the timeline topic.
 */
final class CompatibilityGate {

    private CompatibilityGate() {
    }

    /**
     * Every incompatibility of {@code current} with each of {@code released} (version -> schema), one line each,
     * naming the schema, the released version, the field path and Avro's reason. Empty when compatible.
     */
    static List<String> check(String name, Schema current, SortedMap<Integer, Schema> released) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Integer, Schema> version : released.entrySet()) {
            SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, version.getValue());
            for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
                problems.add(name + ": cannot read released v" + version.getKey() + " at "
                        + fieldPath(current, incompatibility.getLocation()) + " (" + incompatibility.getLocation()
                        + "): " + incompatibility.getType() + " " + incompatibility.getMessage());
            }
        }
        return problems;
    }

    /**
     * Turns Avro's JSON-pointer location in the reader schema (e.g. {@code /fields/7/type/symbols}) into field names
     * (e.g. {@code severity (symbols)}), because "field 7" means nothing to the person reading a failed build.
     */
    static String fieldPath(Schema reader, String location) {
        String[] tokens = location.replaceFirst("^/", "").split("/");
        StringBuilder path = new StringBuilder();
        Schema schema = reader;
        try {
            for (int i = 0; i < tokens.length; i++) {
                String token = tokens[i];
                if (token.isEmpty()) {
                    continue;
                }
                if (token.equals("fields") && schema.getType() == Schema.Type.RECORD && i + 1 < tokens.length) {
                    Schema.Field field = schema.getFields().get(Integer.parseInt(tokens[++i]));
                    path.append(path.length() == 0 ? "" : ".").append(field.name());
                    schema = field.schema();
                    if (i + 1 < tokens.length && tokens[i + 1].equals("type")) {
                        i++;
                    }
                } else if (token.equals("items") && schema.getType() == Schema.Type.ARRAY) {
                    path.append("[]");
                    schema = schema.getElementType();
                } else if (token.equals("values") && schema.getType() == Schema.Type.MAP) {
                    path.append("{}");
                    schema = schema.getValueType();
                } else if (token.matches("\\d+") && schema.getType() == Schema.Type.UNION) {
                    int branch = Integer.parseInt(token);
                    if (branch < schema.getTypes().size()) {
                        schema = schema.getTypes().get(branch);
                    }
                } else {
                    path.append(path.length() == 0 ? "" : " ").append("(").append(token).append(")");
                }
            }
        } catch (RuntimeException e) {
            return location;
        }
        return path.length() == 0 ? "the top level" : "field " + path;
    }
}
