package dev.signoff.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset of the examples: {@code $}, {@code .name}, {@code ['name']}, {@code [n]}, and one filter
 * form {@code $[?(@.field == 'text')]}. A path that does not resolve is an error, as it is in Step Functions
 * (States.Runtime); anything else ({@code ..}, {@code *}, other filters) is rejected as unsupported.
 */
final class JsonPaths {
    private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\['([^']+)']|\\[([0-9]+)]");
    private static final Pattern EQUALITY_FILTER =
            Pattern.compile("^\\$\\[\\?\\(@\\.([A-Za-z_][A-Za-z0-9_]*) == '([^']*)'\\)]$");

    private JsonPaths() {}

    /** Reads {@code path} (starting with {@code $}) from {@code root}; {@code shown} names it in errors. */
    static JsonNode read(JsonNode root, String path, String shown) {
        Matcher filter = EQUALITY_FILTER.matcher(path);
        if (filter.matches()) {
            return filter(root, filter.group(1), filter.group(2), shown);
        }
        JsonNode current = root;
        for (Object step : steps(path, shown)) {
            JsonNode next = step instanceof Integer index
                    ? (current.isArray() ? current.get(index) : null)
                    : (current.isObject() ? current.get((String) step) : null);
            if (next == null) {
                throw new PathNotFoundException(shown + " does not resolve: no " + step + " in " + abbreviate(current));
            }
            current = next;
        }
        return current;
    }

    /** Writes {@code value} at a reference path ({@code $.a.b}), creating objects on the way; returns the new root. */
    static JsonNode write(JsonNode root, String path, JsonNode value) {
        List<Object> steps = steps(path, path);
        if (steps.isEmpty()) {
            return value;
        }
        JsonNode copy = root.isObject() ? root.deepCopy() : JsonNodeFactory.instance.objectNode();
        ObjectNode parent = (ObjectNode) copy;
        for (int i = 0; i < steps.size() - 1; i++) {
            if (!(steps.get(i) instanceof String name)) {
                throw new UnsupportedOperationException("array index in a ResultPath: " + path);
            }
            JsonNode child = parent.get(name);
            if (child == null || !child.isObject()) {
                child = parent.putObject(name);
            }
            parent = (ObjectNode) child;
        }
        if (!(steps.get(steps.size() - 1) instanceof String last)) {
            throw new UnsupportedOperationException("array index in a ResultPath: " + path);
        }
        parent.set(last, value);
        return copy;
    }

    private static List<Object> steps(String path, String shown) {
        if (!path.startsWith("$")) {
            throw new UnsupportedOperationException("path must start with $: " + shown);
        }
        List<Object> steps = new ArrayList<>();
        Matcher m = SEGMENT.matcher(path);
        int at = 1;
        while (at < path.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new UnsupportedOperationException(
                        "unsupported JSONPath syntax at '" + path.substring(at) + "' in " + shown);
            }
            if (m.group(1) != null) {
                steps.add(m.group(1));
            } else if (m.group(2) != null) {
                steps.add(m.group(2));
            } else {
                steps.add(Integer.parseInt(m.group(3)));
            }
            at = m.end();
        }
        return steps;
    }

    private static JsonNode filter(JsonNode root, String field, String expected, String shown) {
        if (!root.isArray()) {
            throw new PathNotFoundException(shown + " filters a non-array: " + abbreviate(root));
        }
        ArrayNode matches = JsonNodeFactory.instance.arrayNode();
        root.forEach(item -> {
            JsonNode value = item.get(field);
            if (value != null && value.isTextual() && value.textValue().equals(expected)) {
                matches.add(item);
            }
        });
        return matches;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

    /** A path that names nothing in its document: Step Functions fails the state with States.Runtime. */
    static final class PathNotFoundException extends IllegalArgumentException {
        PathNotFoundException(String message) {
            super(message);
        }
    }
}
