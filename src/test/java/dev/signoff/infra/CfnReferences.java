package dev.signoff.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the names a raw template refers to: every Ref and {@code ${Name}} of a Fn::Sub names a parameter, a
 * resource or a pseudo parameter (only parameters inside Conditions and Rules); every Fn::GetAtt and
 * {@code ${Resource.Attribute}} names a resource and an attribute the specification lists for its type; every
 * Fn::If, Condition and DependsOn names a condition or resource that exists; outputs have a Value.
 */
final class CfnReferences {
    private static final Set<String> PSEUDO = Set.of(
            "AWS::AccountId",
            "AWS::NotificationARNs",
            "AWS::NoValue",
            "AWS::Partition",
            "AWS::Region",
            "AWS::StackId",
            "AWS::StackName",
            "AWS::URLSuffix");
    private static final Set<String> OUTPUT_KEYS = Set.of("Description", "Value", "Export", "Condition");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final CfnSpec spec;
    private final Map<String, Object> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Object> resources;
    private final List<String> problems = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private CfnReferences(CfnSpec spec, Map<String, Object> template) {
        this.spec = spec;
        this.parameters = (Map<String, Object>) template.getOrDefault("Parameters", Map.of());
        this.conditions = (Map<String, Object>) template.getOrDefault("Conditions", Map.of());
        this.resources = (Map<String, Object>) template.getOrDefault("Resources", Map.of());
    }

    @SuppressWarnings("unchecked")
    static List<String> of(CfnSpec spec, Map<String, Object> template) {
        CfnReferences check = new CfnReferences(spec, template);
        check.walk("Conditions", check.conditions, false);
        check.walk("Rules", template.getOrDefault("Rules", Map.of()), false);
        check.resources.forEach((id, r) -> {
            Map<String, Object> resource = (Map<String, Object>) r;
            check.condition("Resources." + id + ".Condition", resource.get("Condition"));
            Object dependsOn = resource.getOrDefault("DependsOn", List.of());
            for (Object target : dependsOn instanceof List<?> l ? l : List.of(dependsOn)) {
                if (!check.resources.containsKey(target)) {
                    check.problems.add("Resources." + id + ".DependsOn: no resource " + target);
                }
            }
            check.walk("Resources." + id, resource, true);
        });
        ((Map<String, Object>) template.getOrDefault("Outputs", Map.of())).forEach((name, o) -> {
            Map<String, Object> output = (Map<String, Object>) o;
            String path = "Outputs." + name;
            output.keySet().stream()
                    .filter(k -> !OUTPUT_KEYS.contains(k))
                    .forEach(k -> check.problems.add(path + "." + k + ": not an output attribute"));
            if (!output.containsKey("Value")) {
                check.problems.add(path + ": has no Value");
            }
            check.condition(path + ".Condition", output.get("Condition"));
            check.walk(path, output, true);
        });
        return check.problems;
    }

    @SuppressWarnings("unchecked")
    private void walk(String path, Object node, boolean resourcesVisible) {
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(path + "[" + i + "]", list.get(i), resourcesVisible);
            }
            return;
        }
        if (!(node instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        if (map.size() == 1) {
            Map.Entry<String, Object> only = map.entrySet().iterator().next();
            Object arg = only.getValue();
            switch (only.getKey()) {
                case "Ref" -> ref(path, String.valueOf(arg), resourcesVisible);
                case "Fn::GetAtt" -> {
                    List<Object> att = (List<Object>) arg;
                    getAtt(path, String.valueOf(att.get(0)), String.valueOf(att.get(1)));
                }
                case "Fn::Sub" -> sub(path, arg, resourcesVisible);
                case "Fn::If" -> condition(path + ".Fn::If", ((List<Object>) arg).get(0));
                case "Condition" -> condition(path + ".Condition", arg);
                default -> {}
            }
        }
        map.forEach((k, v) -> walk(path + "." + k, v, resourcesVisible));
    }

    @SuppressWarnings("unchecked")
    private void sub(String path, Object arg, boolean resourcesVisible) {
        String text = arg instanceof List<?> list ? (String) list.get(0) : (String) arg;
        Map<String, Object> variables = arg instanceof List<?> list ? (Map<String, Object>) list.get(1) : Map.of();
        Matcher m = SUB_VARIABLE.matcher(text);
        while (m.find()) {
            String name = m.group(1).trim();
            if (variables.containsKey(name)) {
                continue;
            }
            int dot = name.indexOf('.');
            if (dot > 0 && !name.startsWith("AWS::")) {
                getAtt(path + ".Fn::Sub", name.substring(0, dot), name.substring(dot + 1));
            } else {
                ref(path + ".Fn::Sub", name, resourcesVisible);
            }
        }
    }

    private void ref(String path, String name, boolean resourcesVisible) {
        boolean known = PSEUDO.contains(name)
                || parameters.containsKey(name)
                || (resourcesVisible && resources.containsKey(name));
        if (!known) {
            problems.add(path + ": Ref to " + name + ", which is no parameter" + (resourcesVisible ? ", resource" : "")
                    + " or pseudo parameter");
        }
    }

    @SuppressWarnings("unchecked")
    private void getAtt(String path, String logicalId, String attribute) {
        Object resource = resources.get(logicalId);
        if (resource == null) {
            problems.add(path + ": GetAtt of " + logicalId + ", which is no resource");
            return;
        }
        String type = String.valueOf(((Map<String, Object>) resource).get("Type"));
        JsonNode definition = spec.resource(type);
        if (definition != null && !definition.path("Attributes").has(attribute)) {
            List<String> names = new ArrayList<>();
            definition.path("Attributes").fieldNames().forEachRemaining(names::add);
            problems.add(path + ": " + type + " has no attribute " + attribute + " for GetAtt " + logicalId + "."
                    + attribute + " (it has " + String.join(", ", names) + ")");
        }
    }

    private void condition(String path, Object name) {
        if (name != null && !conditions.containsKey(String.valueOf(name))) {
            problems.add(path + ": no condition " + name);
        }
    }
}
