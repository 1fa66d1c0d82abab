package dev.signoff.infra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions in a template for one set of parameter values, the way
 * CloudFormation would at deploy time: Ref, Fn::Sub, Fn::Join, Fn::Split, Fn::Select, Fn::If (with the template's
 * Conditions), AWS::NoValue, and the assertions of Rules. Values only known after deployment stay symbolic: Ref to a resource becomes
 * {@code <Ref:Logical>}, Fn::GetAtt becomes {@code <GetAtt:Logical.Attribute>}.
 */
final class CfnEvaluator {
    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "111122223333";
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    private final Map<String, Object> template;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** Parameters take their Default unless overridden; a CommaDelimitedList value is a comma-separated string. */
    @SuppressWarnings("unchecked")
    CfnEvaluator(Map<String, Object> template, Map<String, String> overrides) {
        this.template = template;
        Map<String, Object> declared = (Map<String, Object>) template.getOrDefault("Parameters", Map.of());
        declared.forEach((name, spec) -> {
            Map<String, Object> p = (Map<String, Object>) spec;
            Object value = overrides.containsKey(name) ? overrides.get(name) : p.get("Default");
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " has no Default: the test must give it");
            }
            String text = String.valueOf(value);
            String type = String.valueOf(p.get("Type"));
            parameters.put(
                    name,
                    type.startsWith("List<") || type.equals("CommaDelimitedList")
                            ? Arrays.asList(text.split(",", -1))
                            : text);
        });
        overrides.keySet().forEach(name -> {
            if (!declared.containsKey(name)) {
                throw new IllegalArgumentException("template declares no parameter " + name);
            }
        });
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resource(String logicalId) {
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        Object resource = resources.get(logicalId);
        if (resource == null) {
            throw new AssertionError("no resource " + logicalId);
        }
        return (Map<String, Object>) resolve(resource);
    }

    @SuppressWarnings("unchecked")
    boolean condition(String name) {
        Map<String, Object> conditions = (Map<String, Object>) template.getOrDefault("Conditions", Map.of());
        if (!conditions.containsKey(name)) {
            throw new AssertionError("no condition " + name);
        }
        return truth(conditions.get(name));
    }

    /** The AssertDescription of every assertion in the template's Rules that these parameters break. */
    @SuppressWarnings("unchecked")
    List<String> brokenRules() {
        Map<String, Object> rules = (Map<String, Object>) template.getOrDefault("Rules", Map.of());
        List<String> broken = new ArrayList<>();
        rules.values().forEach(rule -> {
            for (Object item : (List<Object>) ((Map<String, Object>) rule).get("Assertions")) {
                Map<String, Object> assertion = (Map<String, Object>) item;
                if (!truth(assertion.get("Assert"))) {
                    broken.add((String) assertion.get("AssertDescription"));
                }
            }
        });
        return broken;
    }

    /** {@code value} with every intrinsic function replaced by its result. */
    @SuppressWarnings("unchecked")
    Object resolve(Object value) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object resolved = resolve(item);
                if (resolved != NO_VALUE) {
                    out.add(resolved);
                }
            }
            return out;
        }
        if (!(value instanceof Map<?, ?> raw)) {
            return value;
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        if (map.size() == 1) {
            Map.Entry<String, Object> only = map.entrySet().iterator().next();
            String key = only.getKey();
            Object arg = only.getValue();
            switch (key) {
                case "Ref":
                    return ref((String) arg);
                case "Fn::GetAtt":
                    List<Object> att = (List<Object>) arg;
                    return "<GetAtt:" + att.get(0) + "." + att.get(1) + ">";
                case "Fn::Sub":
                    return sub(arg);
                case "Fn::Join": {
                    List<Object> args = (List<Object>) arg;
                    List<Object> parts = (List<Object>) resolve(args.get(1));
                    return String.join(
                            (String) args.get(0),
                            parts.stream().map(String::valueOf).toList());
                }
                case "Fn::Split": {
                    List<Object> args = (List<Object>) arg;
                    return Arrays.asList(
                            ((String) resolve(args.get(1))).split(Pattern.quote((String) args.get(0)), -1));
                }
                case "Fn::Select": {
                    List<Object> args = (List<Object>) arg;
                    return ((List<Object>) resolve(args.get(1))).get(Integer.parseInt(String.valueOf(args.get(0))));
                }
                case "Fn::If": {
                    List<Object> args = (List<Object>) arg;
                    return resolve(condition((String) args.get(0)) ? args.get(1) : args.get(2));
                }
                default:
                    if (key.startsWith("Fn::")) {
                        throw new UnsupportedOperationException(
                                "intrinsic not supported by the test evaluator: " + key);
                    }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            Object resolved = resolve(v);
            if (resolved != NO_VALUE) {
                out.put(k, resolved);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private boolean truth(Object condition) {
        Map<String, Object> map = (Map<String, Object>) condition;
        Map.Entry<String, Object> only = map.entrySet().iterator().next();
        List<Object> args = only.getValue() instanceof List<?> l ? (List<Object>) l : List.of(only.getValue());
        return switch (only.getKey()) {
            case "Fn::Equals" -> String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
            case "Fn::Not" -> !truth(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::truth);
            case "Fn::Or" -> args.stream().anyMatch(this::truth);
            case "Condition" -> condition((String) only.getValue());
            default -> throw new UnsupportedOperationException("condition function not supported: " + only.getKey());
        };
    }

    private Object ref(String name) {
        return switch (name) {
            case "AWS::NoValue" -> NO_VALUE;
            case "AWS::Region" -> REGION;
            case "AWS::AccountId" -> ACCOUNT;
            case "AWS::Partition" -> "aws";
            case "AWS::StackName" -> "test-stack";
            default -> parameters.containsKey(name) ? parameters.get(name) : "<Ref:" + name + ">";
        };
    }

    @SuppressWarnings("unchecked")
    private String sub(Object arg) {
        String text;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> list) {
            text = (String) list.get(0);
            variables = (Map<String, Object>) resolve(list.get(1));
        } else {
            text = (String) arg;
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            Object value;
            if (variables.containsKey(name)) {
                value = variables.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                value = "<GetAtt:" + name + ">";
            } else {
                value = ref(name);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
