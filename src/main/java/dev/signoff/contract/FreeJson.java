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

    private static boolean storable(String text) {
        return text.indexOf('\u0000') < 0 && !Fields.hasUnpairedSurrogate(text);
    }
}
