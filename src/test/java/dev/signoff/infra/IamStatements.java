package dev.signoff.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The IAM statements of a resolved resource (policies, roles, queue policies), with their actions as lists. */
final class IamStatements {
    private IamStatements() {}

    record Statement(String sid, String effect, List<String> actions, List<Object> resources, Object condition) {
        boolean allows(String action) {
            return effect.equals("Allow") && actions.contains(action);
        }
    }

    static List<Statement> of(Object resolved) {
        List<Statement> out = new ArrayList<>();
        collect(resolved, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Statement> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ((key.equals("PolicyDocument") || key.equals("AssumeRolePolicyDocument")) && value instanceof Map) {
                    for (Object s : (List<Object>) ((Map<String, Object>) value).get("Statement")) {
                        out.add(statement((Map<String, Object>) s));
                    }
                } else {
                    collect(value, out);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, out));
        }
    }

    private static Statement statement(Map<String, Object> s) {
        return new Statement(
                String.valueOf(s.get("Sid")),
                String.valueOf(s.get("Effect")),
                strings(s.get("Action")),
                s.get("Resource") == null ? List.of() : listOf(s.get("Resource")),
                s.get("Condition"));
    }

    private static List<String> strings(Object value) {
        return listOf(value).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Object> listOf(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of(value);
    }
}
