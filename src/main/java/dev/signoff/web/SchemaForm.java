package dev.signoff.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The edit form an outputSchema describes: a tree of fields for objects, strings, numbers, integers, booleans, enums
 * and arrays of those. A schema using anything else (oneOf, $ref, a type list...) gets no form: the page falls back to
 * the JSON editor and says why, because a form that ignored a keyword would accept what the workflow refuses.
 */
final class SchemaForm {

    enum Kind {
        OBJECT,
        ARRAY,
        STRING,
        NUMBER,
        INTEGER,
        BOOLEAN,
        ENUM
    }

    /** One field; {@code schema} is its own schema node, read for the input attributes it maps to. */
    record Field(
            String name,
            String label,
            String description,
            Kind kind,
            boolean required,
            JsonNode schema,
            Map<String, Field> properties,
            Field items,
            List<JsonNode> options) {

        String keyword(String name) {
            JsonNode value = schema.get(name);
            return value == null || value.isNull() ? null : value.isTextual() ? value.textValue() : value.toString();
        }
    }

    /** A form, or why the schema gets the JSON editor instead. */
    record Result(Field root, String unsupported) {
        boolean supported() {
            return root != null;
        }
    }

    /** Keywords the form either maps to inputs or leaves to the server's validator without changing its meaning. */
    private static final Set<String> KNOWN = Set.of(
            "type",
            "properties",
            "required",
            "items",
            "enum",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "pattern",
            "minLength",
            "maxLength",
            "format",
            "minItems",
            "maxItems",
            "uniqueItems",
            "additionalProperties",
            "title",
            "description",
            "default",
            "examples",
            "$comment",
            "$schema",
            "$id",
            "readOnly",
            "writeOnly",
            "deprecated");

    private SchemaForm() {}

    static Result of(JsonNode schema) {
        try {
            Field root = field("", "", schema, true, "");
            if (root.kind() != Kind.OBJECT) {
                return new Result(null, "its top level is not an object");
            }
            return new Result(root, null);
        } catch (Unsupported e) {
            return new Result(null, e.getMessage());
        }
    }

    private static Field field(String name, String label, JsonNode schema, boolean required, String at) {
        if (!schema.isObject()) {
            throw new Unsupported(where(at) + "is not a schema object");
        }
        for (Iterator<String> keys = schema.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KNOWN.contains(key)) {
                throw new Unsupported("it uses \"" + key + "\"" + (at.isEmpty() ? "" : " at " + at));
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && !additional.isBoolean()) {
            throw new Unsupported("it uses \"additionalProperties\" with a schema" + (at.isEmpty() ? "" : " at " + at));
        }
        String title = schema.path("title").isTextual() ? schema.get("title").textValue() : label;
        String description = schema.path("description").isTextual()
                ? schema.get("description").textValue()
                : null;
        if (schema.has("enum")) {
            List<JsonNode> options = new ArrayList<>();
            schema.get("enum").forEach(options::add);
            if (options.stream().anyMatch(o -> o.isContainerNode() || o.isNull())) {
                throw new Unsupported(where(at) + "has an enum of objects, arrays or null");
            }
            return new Field(name, title, description, Kind.ENUM, required, schema, Map.of(), null, options);
        }
        JsonNode type = schema.get("type");
        if (type == null || !type.isTextual()) {
            throw new Unsupported(where(at) + (type == null ? "has no \"type\"" : "has a list of types"));
        }
        return switch (type.textValue()) {
            case "object" -> object(name, title, description, required, schema, at);
            case "array" -> {
                JsonNode items = schema.get("items");
                if (items == null) {
                    throw new Unsupported(where(at) + "is an array without \"items\"");
                }
                Field item = field("", "Item", items, false, at + "[]");
                yield new Field(name, title, description, Kind.ARRAY, required, schema, Map.of(), item, List.of());
            }
            case "string" -> scalar(name, title, description, Kind.STRING, required, schema);
            case "number" -> scalar(name, title, description, Kind.NUMBER, required, schema);
            case "integer" -> scalar(name, title, description, Kind.INTEGER, required, schema);
            case "boolean" -> scalar(name, title, description, Kind.BOOLEAN, required, schema);
            default -> throw new Unsupported(where(at) + "has type \"" + type.textValue() + "\"");
        };
    }

    private static Field object(
            String name, String title, String description, boolean required, JsonNode schema, String at) {
        Set<String> requiredNames = new java.util.HashSet<>();
        schema.path("required").forEach(n -> requiredNames.add(n.asText()));
        Map<String, Field> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            String path = at.isEmpty() ? p.getKey() : at + "." + p.getKey();
            properties.put(
                    p.getKey(), field(p.getKey(), p.getKey(), p.getValue(), requiredNames.contains(p.getKey()), path));
        }
        return new Field(name, title, description, Kind.OBJECT, required, schema, properties, null, List.of());
    }

    private static Field scalar(
            String name, String title, String description, Kind kind, boolean required, JsonNode schema) {
        return new Field(name, title, description, kind, required, schema, Map.of(), null, List.of());
    }

    private static String where(String at) {
        return at.isEmpty() ? "the schema " : at + " ";
    }

    private static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }
}
