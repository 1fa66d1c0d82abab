package dev.signoff.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * Checks resources, after {@link CfnEvaluator} has resolved their intrinsics, against the CloudFormation Resource
 * Specification: the type exists, every property is one the type (or nested property type) has, required ones are
 * there, and literal values roughly have the declared primitive type. Values known only at deploy time
 * ({@code <Ref:X>}, {@code <GetAtt:X.A>}) pass any primitive check. Each problem names its path, for example
 * {@code TaskDefinition.Properties.ContainerDefinitions[0].HealthCheck.Interval}.
 */
final class CfnSpecCheck {
    static final Set<String> RESOURCE_KEYS = Set.of(
            "Type",
            "Properties",
            "DependsOn",
            "Condition",
            "DeletionPolicy",
            "UpdateReplacePolicy",
            "Metadata",
            "CreationPolicy",
            "UpdatePolicy");
    private static final Pattern SYMBOLIC = Pattern.compile("^<(Ref|GetAtt):[^<>]+>$");
    private static final Pattern INTEGER = Pattern.compile("^-?[0-9]+$");
    private static final Pattern DOUBLE = Pattern.compile("^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$");

    private final CfnSpec spec;
    private final List<String> problems = new ArrayList<>();
    private String resourceType;

    private CfnSpecCheck(CfnSpec spec) {
        this.spec = spec;
    }

    /** Problems of one resolved resource, each prefixed with {@code logicalId}. */
    @SuppressWarnings("unchecked")
    static List<String> resource(CfnSpec spec, String logicalId, Map<String, Object> resource) {
        CfnSpecCheck check = new CfnSpecCheck(spec);
        resource.keySet().stream()
                .filter(k -> !RESOURCE_KEYS.contains(k))
                .forEach(k -> check.problems.add(logicalId + "." + k + ": not a resource attribute"));
        check.resourceType = String.valueOf(resource.get("Type"));
        JsonNode definition = spec.resource(check.resourceType);
        if (definition == null) {
            check.problems.add(logicalId + ": unknown resource type " + check.resourceType);
            return check.problems;
        }
        Object properties = resource.getOrDefault("Properties", Map.of());
        if (properties instanceof Map<?, ?> map) {
            check.properties(logicalId + ".Properties", (Map<String, Object>) map, definition, check.resourceType);
        } else {
            check.problems.add(logicalId + ".Properties: not a mapping");
        }
        return check.problems;
    }

    private void properties(String path, Map<String, Object> value, JsonNode definition, String typeName) {
        JsonNode declared = definition.path("Properties");
        value.forEach((name, v) -> {
            JsonNode property = declared.get(name);
            if (property == null) {
                problems.add(
                        path + "." + name + ": " + typeName + " has no property " + name + suggestion(declared, name));
            } else {
                value(path + "." + name, v, property);
            }
        });
        declared.fields().forEachRemaining(p -> {
            if (p.getValue().path("Required").asBoolean() && !value.containsKey(p.getKey())) {
                problems.add(path + "." + p.getKey() + ": required by " + typeName + " but missing");
            }
        });
    }

    /** Checks {@code value} against a property's shape: PrimitiveType, or Type List/Map/named with its items. */
    private void value(String path, Object value, JsonNode shape) {
        if (shape.has("Types") || shape.has("PrimitiveTypes") || shape.has("InclusiveItemTypes")) {
            return; // unions only occur in the SAM types the spec patches in; not worth modelling here
        }
        if (shape.has("PrimitiveType")) {
            primitive(path, value, shape.get("PrimitiveType").asText());
            return;
        }
        String type = shape.path("Type").asText();
        if (type.equals("List")) {
            if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    item(path + "[" + i + "]", list.get(i), shape);
                }
            } else if (!(value instanceof String s && s.startsWith("<GetAtt:"))) {
                // a Ref of a resource is never a list, but some attributes are (LoadBalancer.SecurityGroups)
                problems.add(path + ": expected a list, got " + describe(value));
            }
        } else if (type.equals("Map")) {
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> item(path + "." + k, v, shape));
            } else if (!symbolic(value)) {
                problems.add(path + ": expected a mapping, got " + describe(value));
            }
        } else {
            named(path, value, type);
        }
    }

    private void item(String path, Object value, JsonNode shape) {
        if (shape.has("PrimitiveItemType")) {
            primitive(path, value, shape.get("PrimitiveItemType").asText());
        } else {
            named(path, value, shape.path("ItemType").asText());
        }
    }

    @SuppressWarnings("unchecked")
    private void named(String path, Object value, String name) {
        JsonNode definition = spec.propertyType(resourceType, name);
        if (definition == null) {
            problems.add(path + ": the specification lacks property type " + name + " of " + resourceType);
        } else if (!definition.has("Properties")) {
            value(path, value, definition);
        } else if (value instanceof Map<?, ?> map) {
            properties(path, (Map<String, Object>) map, definition, resourceType + "." + name);
        } else if (!symbolic(value)) {
            problems.add(path + ": expected a " + name + " mapping, got " + describe(value));
        }
    }

    /** Lenient like CloudFormation: numbers and booleans may be given as strings, scalars stand for strings. */
    private void primitive(String path, Object value, String type) {
        if (symbolic(value)) {
            return;
        }
        String text = value instanceof String s ? s : null;
        boolean ok = switch (type) {
            case "String", "Timestamp" -> !(value instanceof Map || value instanceof List);
            case "Integer", "Long" ->
                value instanceof Integer
                        || value instanceof Long
                        || value instanceof java.math.BigInteger
                        || (text != null && INTEGER.matcher(text).matches());
            case "Double" ->
                value instanceof Number || (text != null && DOUBLE.matcher(text).matches());
            case "Boolean" ->
                value instanceof Boolean || "true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text);
            case "Json" -> value instanceof Map || value instanceof String;
            default -> throw new IllegalStateException(path + ": unknown primitive type " + type);
        };
        if (!ok) {
            problems.add(path + ": expected " + type + ", got " + describe(value));
        }
    }

    /** A resolved Ref or GetAtt of a resource: its value is only known at deploy time. */
    private static boolean symbolic(Object value) {
        return value instanceof String s && SYMBOLIC.matcher(s).matches();
    }

    private static String describe(Object value) {
        String kind = value instanceof Map ? "mapping" : value instanceof List ? "list" : "scalar";
        return kind + " " + value;
    }

    private static String suggestion(JsonNode declared, String name) {
        List<String> names = StreamSupport.stream(((Iterable<String>) declared::fieldNames).spliterator(), false)
                .toList();
        return names.stream()
                .filter(n -> n.equalsIgnoreCase(name))
                .findFirst()
                .map(n -> " (did you mean " + n + "?)")
                .orElse(" (it has " + String.join(", ", names) + ")");
    }
}
