package dev.signoff.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ContractJson;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON artifact as an indented tree of nested {@code <details>}, open to a few levels so that the shape shows at a
 * glance and deep parts fold away. Keys and values are agent-written: every one goes through {@link Untrusted#shown}.
 * Numbers keep their digits as written (1208.00 stays 1208.00).
 */
final class JsonTree {

    /* Below this depth a branch starts folded; past the last one it is shown as compact JSON text. */
    private static final int OPEN_LEVELS = 2;
    private static final int MAX_LEVELS = 64;

    private JsonTree() {}

    /** The tree's HTML, or empty when the text is not JSON. */
    static Optional<String> render(String json) {
        JsonNode root;
        try {
            root = ContractJson.parse(json);
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        StringBuilder html = new StringBuilder("<div class=\"json-tree\">");
        value(html, null, root, 0);
        return Optional.of(html.append("</div>").toString());
    }

    private static void value(StringBuilder html, String key, JsonNode node, int depth) {
        if (!node.isContainerNode() || node.isEmpty()) {
            html.append("<div class=\"json-leaf\">");
            label(html, key);
            scalar(html, node);
            return;
        }
        if (depth >= MAX_LEVELS) {
            html.append("<div class=\"json-leaf\">");
            label(html, key);
            html.append("<code>")
                    .append(Untrusted.shown(ContractJson.write(node)))
                    .append("</code></div>");
            return;
        }
        boolean object = node.isObject();
        html.append(depth < OPEN_LEVELS ? "<details open>" : "<details>").append("<summary>");
        label(html, key);
        html.append("<span class=\"json-punct\">")
                .append(object ? "{" : "[")
                .append("</span> <span class=\"muted\">")
                .append(node.size())
                .append(object ? (node.size() == 1 ? " key" : " keys") : (node.size() == 1 ? " item" : " items"))
                .append("</span></summary><div class=\"json-children\">");
        if (object) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                value(html, field.getKey(), field.getValue(), depth + 1);
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                value(html, String.valueOf(i), node.get(i), depth + 1);
            }
        }
        html.append("</div><span class=\"json-punct\">")
                .append(object ? "}" : "]")
                .append("</span></details>");
    }

    private static void label(StringBuilder html, String key) {
        if (key != null) {
            html.append("<span class=\"json-key\">")
                    .append(Untrusted.shown(key))
                    .append("</span>: ");
        }
    }

    private static void scalar(StringBuilder html, JsonNode node) {
        String css = node.isTextual() ? "json-string" : node.isNumber() ? "json-number" : "json-literal";
        html.append("<span class=\"")
                .append(css)
                .append("\">")
                .append(Untrusted.shown(ContractJson.write(node)))
                .append("</span></div>");
    }
}
