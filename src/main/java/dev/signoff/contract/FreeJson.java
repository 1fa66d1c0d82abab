package dev.signoff.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Checks caller-defined JSON (proposedOutput, outputSchema) for strings PostgreSQL cannot store: U+0000 and unpaired
 * surrogates. Other content is the workflow's business.
 */
final class FreeJson {
    private FreeJson() {}

    /** True when the tree is storable; otherwise adds one problem at the first bad string and returns false. */
    static boolean check(JsonNode root, String rootPath, Problems problems) {
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry(rootPath, root));
        while (!pending.isEmpty()) {
            var next = pending.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isTextual() && !storable(node.textValue())) {
                problems.add(path, "must not contain U+0000 or unpaired surrogates");
                return false;
            }
            if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    pending.push(Map.entry(Problems.index(path, i), node.get(i)));
                }
            }
            if (node.isObject()) {
                for (var it = node.properties().iterator(); it.hasNext(); ) {
                    var field = it.next();
                    String fieldPath = Problems.field(path, field.getKey());
                    if (!storable(field.getKey())) {
                        problems.add(fieldPath, "field name must not contain U+0000 or unpaired surrogates");
                        return false;
                    }
                    pending.push(Map.entry(fieldPath, field.getValue()));
                }
            }
        }
        return true;
    }

    /**
     * How deeply {@code root} nests (a scalar is 1, {@code {"a":[1]}} is 3), counted with a stack of its own and
     * given up past {@code limit} (then {@code limit + 1}): the schema validator recurses, so depth is checked before
     * a tree reaches it.
     */
    static int depth(JsonNode root, int limit) {
        Deque<Map.Entry<Integer, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry(1, root));
        int deepest = 0;
        while (!pending.isEmpty()) {
            var next = pending.pop();
            int level = next.getKey();
            deepest = Math.max(deepest, level);
            if (deepest > limit) {
                return limit + 1;
            }
            for (JsonNode child : next.getValue()) {
                if (child.isContainerNode()) {
                    pending.push(Map.entry(level + 1, child));
                } else {
                    deepest = Math.max(deepest, level + 1);
                }
            }
        }
        return deepest;
    }

    /** The {@link #depth} problem for {@code path}, or null when the tree is within {@code limit}. */
    static String depthProblem(JsonNode root, String path, int limit) {
        if (depth(root, limit) <= limit) {
            return null;
        }
        return path + ": nests more than " + limit + " levels deep; at most " + limit + " are accepted";
    }

    private static boolean storable(String text) {
        return text.indexOf('\u0000') < 0 && !Fields.hasUnpairedSurrogate(text);
    }
}
