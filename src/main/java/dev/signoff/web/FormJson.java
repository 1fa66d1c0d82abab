package dev.signoff.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.signoff.contract.ContractJson;
import dev.signoff.web.SchemaForm.Field;
import dev.signoff.web.SchemaForm.Kind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Between a schema form's posted fields and JSON. A field is named {@code o} + the JSON Pointer of its value
 * ({@code o/lines/0/amount}); an array's item count is {@code n} + its pointer. Numbers are read by the contract's
 * parser from the text as typed, so {@code 100.10} reaches the workflow as {@code 100.10}. Properties the schema
 * does not name are carried over from the proposal untouched.
 */
final class FormJson {

    static final String VALUE = "o";
    static final String COUNT = "n";
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The JSON value, and the fields whose text could not become one (pointer -> message). */
    record Converted(JsonNode value, Map<String, String> errors) {}

    private FormJson() {}

    static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    /** The form's fields filled from {@code proposal} (missing or mistyped values leave their field empty). */
    static Map<String, String> values(Field root, JsonNode proposal) {
        Map<String, String> form = new LinkedHashMap<>();
        fill(root, "", proposal, form);
        return form;
    }

    private static void fill(Field field, String pointer, JsonNode node, Map<String, String> form) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            if (field.kind() == Kind.ARRAY) {
                form.put(COUNT + pointer, "0");
            }
            return;
        }
        switch (field.kind()) {
            case OBJECT ->
                field.properties().forEach((name, child) -> fill(child, child(pointer, name), node.get(name), form));
            case ARRAY -> {
                int size = node.isArray() ? node.size() : 0;
                form.put(COUNT + pointer, String.valueOf(size));
                for (int i = 0; i < size; i++) {
                    fill(field.items(), pointer + "/" + i, node.get(i), form);
                }
            }
            case STRING -> form.put(VALUE + pointer, node.isValueNode() ? node.asText() : ContractJson.write(node));
            default -> form.put(VALUE + pointer, node.isValueNode() ? ContractJson.write(node) : "");
        }
    }

    static Converted toJson(Field root, Map<String, String> form, JsonNode proposal) {
        Map<String, String> errors = new LinkedHashMap<>();
        JsonNode value = convert(root, "", form, proposal, true, errors);
        return new Converted(value == null ? NODES.objectNode() : value, errors);
    }

    /** null: the value is absent (an optional field left empty). {@code present}: array items always exist. */
    private static JsonNode convert(
            Field field,
            String pointer,
            Map<String, String> form,
            JsonNode proposal,
            boolean present,
            Map<String, String> errors) {
        JsonNode was = proposal == null || proposal.isMissingNode() ? null : proposal;
        switch (field.kind()) {
            case OBJECT -> {
                ObjectNode object = NODES.objectNode();
                if (was != null && was.isObject()) {
                    was.properties().forEach(e -> {
                        if (!field.properties().containsKey(e.getKey())) {
                            object.set(e.getKey(), e.getValue());
                        }
                    });
                }
                boolean any = false;
                for (var p : field.properties().entrySet()) {
                    JsonNode value = convert(
                            p.getValue(),
                            child(pointer, p.getKey()),
                            form,
                            was == null ? null : was.get(p.getKey()),
                            false,
                            errors);
                    if (value != null) {
                        object.set(p.getKey(), value);
                        any = true;
                    }
                }
                boolean keep = present || field.required() || any || (was != null && was.isObject());
                return keep ? object : null;
            }
            case ARRAY -> {
                int count = count(form.get(COUNT + pointer));
                ArrayNode array = NODES.arrayNode();
                // Items line up with the proposal's only while none was added or removed; after that an item's
                // empty strings and unnamed properties are not taken from whichever item used to be at its index.
                boolean aligned = was != null && was.isArray() && was.size() == count;
                for (int i = 0; i < count; i++) {
                    JsonNode before = aligned ? was.get(i) : null;
                    JsonNode item = convert(field.items(), pointer + "/" + i, form, before, true, errors);
                    array.add(item == null ? NODES.nullNode() : item);
                }
                boolean keep = present || field.required() || count > 0 || (was != null && was.isArray());
                return keep ? array : null;
            }
            default -> {
                return scalar(field, pointer, form.getOrDefault(VALUE + pointer, ""), was, present, errors);
            }
        }
    }

    private static JsonNode scalar(
            Field field, String pointer, String text, JsonNode was, boolean present, Map<String, String> errors) {
        if (text.isEmpty() && field.kind() == Kind.STRING) {
            // An empty string is a value only where one must be, or where the proposal had one.
            return present || field.required() || (was != null && was.isTextual()) ? TextNode.valueOf("") : null;
        }
        String typed = text.strip();
        if (typed.isEmpty()) {
            return null;
        }
        switch (field.kind()) {
            case STRING:
                return TextNode.valueOf(text);
            case BOOLEAN:
                if (typed.equals("true") || typed.equals("false")) {
                    return BooleanNode.valueOf(typed.equals("true"));
                }
                errors.put(pointer, "Choose yes or no.");
                return null;
            case ENUM:
                for (JsonNode option : field.options()) {
                    if (ContractJson.write(option).equals(typed)) {
                        return option;
                    }
                }
                errors.put(pointer, "Choose one of the listed values.");
                return null;
            default:
                if (!JSON_NUMBER.matcher(typed).matches()) {
                    errors.put(
                            pointer,
                            field.kind() == Kind.INTEGER
                                    ? "Enter a whole number, such as 42."
                                    : "Enter a number, such as 1208.00 (digits, an optional - and one . for decimals).");
                    return null;
                }
                try {
                    return ContractJson.parse(typed);
                } catch (JsonProcessingException e) {
                    errors.put(pointer, "Enter a number, such as 1208.00.");
                    return null;
                }
        }
    }

    static int count(String text) {
        try {
            return text == null ? 0 : Math.max(0, Math.min(Integer.parseInt(text.strip()), 10_000));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The form with an empty item appended to the array at {@code pointer}. */
    static Map<String, String> addItem(Map<String, String> form, String pointer) {
        Map<String, String> next = new LinkedHashMap<>(form);
        next.put(COUNT + pointer, String.valueOf(count(form.get(COUNT + pointer)) + 1));
        return next;
    }

    /** The form without item {@code index} of the array at {@code pointer}; later items move up by one. */
    static Map<String, String> removeItem(Map<String, String> form, String pointer, int index) {
        Map<String, String> next = new LinkedHashMap<>();
        for (var e : form.entrySet()) {
            String key = e.getKey();
            String prefix = key.isEmpty() ? "" : key.substring(0, 1);
            String rest = key.isEmpty() ? "" : key.substring(1);
            if (!rest.startsWith(pointer + "/")) {
                next.put(key, e.getValue());
                continue;
            }
            String tail = rest.substring(pointer.length() + 1);
            int slash = tail.indexOf('/');
            String segment = slash < 0 ? tail : tail.substring(0, slash);
            int at;
            try {
                at = Integer.parseInt(segment);
            } catch (NumberFormatException ex) {
                next.put(key, e.getValue());
                continue;
            }
            if (at == index) {
                continue;
            }
            int moved = at > index ? at - 1 : at;
            next.put(prefix + pointer + "/" + moved + (slash < 0 ? "" : tail.substring(slash)), e.getValue());
        }
        next.put(COUNT + pointer, String.valueOf(Math.max(0, count(form.get(COUNT + pointer)) - 1)));
        return next;
    }
}
