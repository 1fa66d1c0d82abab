package dev.signoff.infra;

import com.fasterxml.jackson.databind.JsonNode;

/** Choice rules of the examples: And/Or/Not, numeric comparisons (also *Path), StringEquals, BooleanEquals, IsPresent. */
final class ChoiceRules {
    private ChoiceRules() {}

    static boolean matches(JsonNode rule, JsonNode input) {
        if (rule.has("And")) {
            for (JsonNode r : rule.get("And")) {
                if (!matches(r, input)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode r : rule.get("Or")) {
                if (matches(r, input)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), input);
        }
        String variable = rule.get("Variable").textValue();
        if (rule.has("IsPresent")) {
            boolean present;
            try {
                JsonPaths.read(input, variable, variable);
                present = true;
            } catch (JsonPaths.PathNotFoundException e) {
                present = false;
            }
            return present == rule.get("IsPresent").asBoolean();
        }
        JsonNode value = JsonPaths.read(input, variable, variable);
        for (String op : new String[] {
            "NumericEquals",
            "NumericGreaterThan",
            "NumericGreaterThanEquals",
            "NumericLessThan",
            "NumericLessThanEquals"
        }) {
            JsonNode operand = rule.has(op)
                    ? rule.get(op)
                    : rule.has(op + "Path")
                            ? JsonPaths.read(input, rule.get(op + "Path").textValue(), op + "Path")
                            : null;
            if (operand != null) {
                if (!value.isNumber() || !operand.isNumber()) {
                    return false;
                }
                int cmp = value.decimalValue().compareTo(operand.decimalValue());
                return switch (op) {
                    case "NumericEquals" -> cmp == 0;
                    case "NumericGreaterThan" -> cmp > 0;
                    case "NumericGreaterThanEquals" -> cmp >= 0;
                    case "NumericLessThan" -> cmp < 0;
                    default -> cmp <= 0;
                };
            }
        }
        if (rule.has("StringEquals")) {
            return value.isTextual()
                    && value.textValue().equals(rule.get("StringEquals").textValue());
        }
        if (rule.has("BooleanEquals")) {
            return value.isBoolean()
                    && value.booleanValue() == rule.get("BooleanEquals").booleanValue();
        }
        throw new UnsupportedOperationException("choice rule not supported by the walker: " + rule);
    }
}
