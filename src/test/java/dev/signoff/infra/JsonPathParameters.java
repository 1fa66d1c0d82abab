package dev.signoff.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Evaluates an Amazon States Language JSONPath payload template (Parameters, ItemSelector, ResultSelector) the
 * way Step Functions does: a field whose name ends in {@code .$} is replaced by the value of its path or
 * intrinsic function, under the name without the suffix. Supports what the example state machines use and
 * throws {@link UnsupportedOperationException} naming anything else, so a test never passes on a guess.
 */
final class JsonPathParameters {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonPathParameters() {}

    /** The payload built from {@code template} for a state whose effective input is {@code input}. */
    static JsonNode evaluate(JsonNode template, JsonNode input, JsonNode context) {
        if (template.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                if (name.endsWith(".$")) {
                    if (!field.getValue().isTextual()) {
                        throw new IllegalArgumentException("field " + name + " must hold a path or intrinsic string");
                    }
                    out.set(
                            name.substring(0, name.length() - 2),
                            expression(field.getValue().textValue(), input, context));
                } else {
                    out.set(name, evaluate(field.getValue(), input, context));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = NODES.arrayNode();
            template.forEach(item -> out.add(evaluate(item, input, context)));
            return out;
        }
        return template.deepCopy();
    }

    /** A path ({@code $...}, {@code $$...}) or an intrinsic function call ({@code States.X(...)}). */
    static JsonNode expression(String text, JsonNode input, JsonNode context) {
        String trimmed = text.trim();
        if (trimmed.startsWith("States.")) {
            return Intrinsics.call(trimmed, input, context);
        }
        if (trimmed.startsWith("$$")) {
            return JsonPaths.read(context, trimmed.substring(1), trimmed);
        }
        if (trimmed.startsWith("$")) {
            return JsonPaths.read(input, trimmed, trimmed);
        }
        throw new UnsupportedOperationException("not a path or intrinsic function: " + text);
    }

    static String toJson(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parseJson(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
