package dev.signoff.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.signoff.contract.ContractJson;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages show values. Times are shown in UTC, always with the zone, so reviewers in any place agree. */
@TemplateExtension
public final class Formats {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private Formats() {}

    /** JSON text indented for reading; text that is not JSON is shown as it is. */
    static String prettyJson(String json) {
        if (json == null || json.isBlank()) {
            return "";
        }
        try {
            return ContractJson.writePretty(JSON.readTree(json));
        } catch (JsonProcessingException notJson) {
            return json;
        }
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
