package io.ownwatch.registry.runbook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Identifies a runbook version's content: SHA-256 (lower-case hex) of its canonical JSON, in which object keys are
 * sorted, null fields left out and no lifecycle or audit field appears. The executor re-computes nothing; it
 * compares this hash, so two registries (or two releases) must derive the same hash from the same content.
 */
public final class ContentHash {

    private static final JsonMapper JSON = JsonMapper.shared();

    private ContentHash() {
    }

    /** The hash of the content. */
    public static String of(RunbookContent content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every Java runtime provides SHA-256", ex);
        }
    }

    /**
     * The canonical JSON the hash is taken over: compact, keys sorted at every level, nulls omitted, and
     * {@code triggerAtLevel} only when it is not the default 1. That field came after runbooks had been submitted
     * and approved; leaving the default out keeps their canonical form, and so the hash the executor compares,
     * byte-identical to what it was.
     */
    public static String canonicalJson(RunbookContent content) {
        ObjectNode tree = (ObjectNode) JSON.valueToTree(content);
        if (content.triggerAtLevel() == RunbookContent.DEFAULT_TRIGGER_AT_LEVEL) {
            tree.remove("triggerAtLevel");
        }
        return JSON.writeValueAsString(canonical(tree));
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            fields.sort(Map.Entry.comparingByKey());
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : fields) {
                if (!field.getValue().isNull()) {
                    sorted.set(field.getKey(), canonical(field.getValue()));
                }
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) {
                array.add(canonical(element));
            }
            return array;
        }
        return node;
    }
}
