package dev.signoff.sandbox.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads request members the way the service validates them, and summarises requests without secrets. */
final class Requests {

    private static final int SUMMARY_TEXT_LIMIT = 256;

    private Requests() {}

    static String required(JsonNode request, String member) {
        String value = optional(request, member);
        if (value == null) {
            throw SfnError.validation(
                    "Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    static String optional(JsonNode request, String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw SfnError.serialization("Expected a string for '" + member + "'");
        }
        return node.textValue();
    }

    static int optionalInt(JsonNode request, String member, int absent) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw SfnError.serialization("Expected an integer for '" + member + "'");
        }
        return node.intValue();
    }

    static boolean optionalBoolean(JsonNode request, String member, boolean absent) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw SfnError.serialization("Expected a boolean for '" + member + "'");
        }
        return node.booleanValue();
    }

    /** String length limits count UTF-16 units: never laxer than AWS, whichever unit it counts. */
    static void maxLength(String member, String value, int max) {
        if (value != null && value.length() > max) {
            throw lengthError(member, max);
        }
    }

    static void maxUtf8Bytes(String member, String value, int max) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > max) {
            throw lengthError(member, max);
        }
    }

    static SfnError lengthError(String member, int max) {
        return SfnError.validation("Value at '" + member
                + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
    }

    /** Request members for the call log: the token becomes its hash, the output its size, text is cut short. */
    static Map<String, String> summarise(JsonNode request) {
        Map<String, String> summary = new LinkedHashMap<>();
        request.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            String text = value.isTextual() ? value.textValue() : value.toString();
            switch (field.getKey()) {
                case "taskToken" -> summary.put("taskTokenSha256", TaskTokens.sha256(text));
                case "output" ->
                    summary.put("outputBytes", Integer.toString(text.getBytes(StandardCharsets.UTF_8).length));
                default ->
                    summary.put(
                            field.getKey(),
                            text.length() <= SUMMARY_TEXT_LIMIT ? text : text.substring(0, SUMMARY_TEXT_LIMIT));
            }
        });
        return summary;
    }
}
