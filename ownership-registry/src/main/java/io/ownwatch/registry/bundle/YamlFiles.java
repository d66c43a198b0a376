package io.ownwatch.registry.bundle;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads bundle files into {@link YamlDocument}s with SnakeYAML's node graph (not its object
 * constructor), so every node keeps its line and column and no YAML tag can instantiate a class.
 */
final class YamlFiles {

    /** Anchors are rarely useful in ownership files and are the lever of "billion laughs": kept few. */
    private static final int MAX_ALIASES = 20;

    private YamlFiles() {
    }

    /** Every document of the file; syntax errors and duplicate keys go to {@code errors}, with their position. */
    static List<YamlDocument> read(BundleFile file, List<BundleError> errors) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(Math.max(file.content().length, 1) + 16);
        Yaml yaml = new Yaml(options);
        List<YamlDocument> documents = new ArrayList<>();
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(file.content()), StandardCharsets.UTF_8)) {
            for (Node node : yaml.composeAll(reader)) {
                if (node == null || isNull(node)) {
                    continue; // an empty document, such as the one after a trailing '---'
                }
                Map<String, int[]> positions = new HashMap<>();
                int before = errors.size();
                Object root = convert(file.name(), node, "", positions, errors);
                if (errors.size() == before) {
                    documents.add(new YamlDocument(file.name(), root, positions));
                }
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            errors.add(new BundleError(file.name(), mark == null ? 1 : mark.getLine() + 1,
                    mark == null ? 1 : mark.getColumn() + 1, "", "YAML syntax error: " + problem(e)));
        } catch (YAMLException | java.io.IOException e) {
            errors.add(new BundleError(file.name(), 1, 1, "", "not readable as YAML: " + e.getMessage()));
        }
        return documents;
    }

    private static String problem(MarkedYAMLException e) {
        String context = e.getContext() == null ? "" : e.getContext() + ": ";
        return context + (e.getProblem() == null ? "unreadable" : e.getProblem());
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static Object convert(String file, Node node, String path, Map<String, int[]> positions,
            List<BundleError> errors) {
        Mark start = node.getStartMark();
        positions.put(path, new int[] {start.getLine() + 1, start.getColumn() + 1});
        if (node instanceof MappingNode mapping) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Mark keyMark = tuple.getKeyNode().getStartMark();
                if (!(tuple.getKeyNode() instanceof ScalarNode key) || isNull(key)) {
                    errors.add(new BundleError(file, keyMark.getLine() + 1, keyMark.getColumn() + 1, path,
                            "keys must be plain text"));
                    continue;
                }
                String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                if (values.containsKey(key.getValue())) {
                    errors.add(new BundleError(file, keyMark.getLine() + 1, keyMark.getColumn() + 1, child,
                            "duplicate key '" + key.getValue() + "'"));
                    continue;
                }
                values.put(key.getValue(), convert(file, tuple.getValueNode(), child, positions, errors));
            }
            return values;
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                values.add(convert(file, sequence.getValue().get(i), path + "[" + i + "]", positions, errors));
            }
            return values;
        }
        return isNull(node) ? null : ((ScalarNode) node).getValue();
    }
}
