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

    /**
     * SHA-256 hex of the output as canonical JSON: object keys sorted at every level, numbers as {@link #write} gives
     * them. Two outputs a reviewer would call the same (keys in another order, 1e2 for 100) hash alike; N-of-M
     * approvals count together only when they approved outputs of one hash.
     */
    public static String canonicalSha256(JsonNode output) {
        String json = write(output == null ? JsonNodeFactory.instance.nullNode() : canonical(output));
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = object();
            java.util.TreeMap<String, JsonNode> byKey = new java.util.TreeMap<>();
            node.properties().forEach(e -> byKey.put(e.getKey(), e.getValue()));
            byKey.forEach((key, value) -> sorted.set(key, canonical(value)));
            return sorted;
        }
        if (node.isArray()) {
            var items = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
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
