package dev.signoff.contract;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one Jackson setup of the contract: strict JSON in, compact JSON out, numbers exactly as written. Outputs carry
 * money amounts: read as doubles, 1208.00 would reach the workflow as 1208.0 and long decimals would lose digits.
 */
public final class ContractJson {
    static final JsonMapper MAPPER = keepNumbersExact(JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build());

    private ContractJson() {}

    /**
     * Makes {@code mapper} keep numbers as written: decimals are read as BigDecimal with their trailing zeros
     * (4200.00 stays 4200.00) and written in plain digits (not 4.2E+3; 1e2 leaves as 100, the same number). Any
     * mapper that carries outputs needs this, e.g. the one behind the JSON API.
     */
    public static <M extends ObjectMapper> M keepNumbersExact(M mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        return mapper;
    }

    /**
     * Reads one JSON value as the contract does: duplicate keys, NaN and anything after the value are refused, and
     * numbers keep their exact form.
     *
     * @throws JsonProcessingException with the line and column of the first problem
     */
    public static JsonNode parse(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Compact JSON with numbers in plain digits, as Step Functions receives it. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode tree always serialises", e);
        }
    }

    /** Indented for reading, numbers as {@link #write} gives them: the page shows what the workflow will receive. */
    public static String writePretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode tree always serialises", e);
        }
    }

    static String quote(String text) {
        return write(JsonNodeFactory.instance.textNode(text));
    }

    /** UTF-8 length without encoding; an unpaired surrogate counts as the 3-byte replacement character. */
    static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
