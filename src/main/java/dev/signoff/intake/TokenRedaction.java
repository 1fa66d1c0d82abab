package dev.signoff.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Takes a task token out of a request tree wherever it is. A state machine may pass {@code $$.Task.Token}, or all of
 * {@code $$}, into {@code metadata}, {@code summary}, a finding or a field Signoff does not know: every string value
 * and every field name that contains the token has it replaced by {@value #MARK}, at any depth. Walks the tree with a
 * stack of its own, so a deeply nested body cannot overflow the thread's.
 */
final class TokenRedaction {

    static final String MARK = "<redacted>";

    private TokenRedaction() {}

    /**
     * Replaces the token in place; the top-level {@code taskToken} is redacted whatever it holds. True when the token
     * also stood anywhere else (a value or a field name at any depth), where the mark now stands instead.
     */
    static boolean redact(ObjectNode root, String token) {
        if (root.hasNonNull("taskToken")) {
            root.put("taskToken", MARK);
        }
        if (token == null || token.isEmpty()) {
            return false;
        }
        boolean elsewhere = false;
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node instanceof ObjectNode object) {
                elsewhere |= redactObject(object, token, pending);
            } else if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    JsonNode item = array.get(i);
                    if (item.isTextual() && item.textValue().contains(token)) {
                        array.set(i, text(item.textValue(), token));
                        elsewhere = true;
                    } else if (item.isContainerNode()) {
                        pending.push(item);
                    }
                }
            }
        }
        return elsewhere;
    }

    /** The text with every occurrence of the token replaced. */
    static String redact(String text, String token) {
        return token == null || token.isEmpty() || text == null ? text : text.replace(token, MARK);
    }

    /** True when a field name or a text value of this object held the token. */
    private static boolean redactObject(ObjectNode object, String token, Deque<JsonNode> pending) {
        boolean renamed = false;
        boolean found = false;
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.size());
        for (var it = object.properties().iterator(); it.hasNext(); ) {
            var field = it.next();
            String name = redact(field.getKey(), token);
            renamed |= !name.equals(field.getKey());
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                found |= value.textValue().contains(token);
                value = text(value.textValue(), token);
            } else if (value.isContainerNode()) {
                pending.push(value);
            }
            fields.add(Map.entry(name, value));
        }
        if (renamed) {
            // Field order is kept: the page shows metadata in the order the workflow wrote it.
            object.removeAll();
        }
        fields.forEach(f -> object.set(f.getKey(), f.getValue()));
        return found || renamed;
    }

    private static JsonNode text(String value, String token) {
        return TextNode.valueOf(redact(value, token));
    }
}
