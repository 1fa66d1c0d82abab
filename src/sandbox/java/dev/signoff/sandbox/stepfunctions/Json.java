package dev.signoff.sandbox.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/** JSON helpers in the AWS JSON 1.0 dialect: timestamps are epoch seconds as numbers. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /** Strict RFC 8259: one value, nothing after it. */
    static boolean isValidJson(String text) {
        if (text == null) {
            return false;
        }
        try {
            return !MAPPER.readTree(text).isMissingNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static void putTimestamp(ObjectNode node, String field, Instant instant) {
        node.put(field, BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3));
    }

    static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
