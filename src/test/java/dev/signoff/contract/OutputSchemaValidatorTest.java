package dev.signoff.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class OutputSchemaValidatorTest {
    private final OutputSchemaValidator validator = new OutputSchemaValidator();

    @Test
    void schema_with_internal_refs_is_usable_and_checks_outputs() {
        JsonNode schema = json("{\"type\":\"object\",\"properties\":{\"n\":{\"$ref\":\"#/$defs/count\"}},"
                + "\"$defs\":{\"count\":{\"type\":\"integer\",\"minimum\":0}}}");

        assertThat(validator.schemaProblems(schema)).isEmpty();
        assertThat(validator.outputProblems(schema, json("{\"n\":3}"))).isEmpty();
        assertThat(validator.outputProblems(schema, json("{\"n\":-1}")))
                .containsExactly("output.n: must have a minimum value of 0");
    }

    @Test
    void references_outside_the_schema_are_never_loaded() {
        for (String ref :
                new String[] {"https://example.com/s.json", "classpath:application.properties", "file:/etc/passwd"}) {
            assertThat(validator.schemaProblems(json("{\"$ref\":\"" + ref + "\"}")))
                    .singleElement()
                    .asString()
                    .startsWith("outputSchema: cannot be used: ")
                    .contains(ref);
        }
    }

    @Test
    void schema_that_breaks_its_meta_schema_is_reported_at_its_path() {
        assertThat(validator.schemaProblems(json("{\"properties\":{\"a\":{\"minimum\":\"zero\"}}}")))
                .contains("outputSchema.properties.a.minimum: string found, number expected");
    }

    @Test
    void draft_07_schemas_are_understood_and_unknown_dialects_refused() {
        JsonNode draft7 = json("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"string\"}");

        assertThat(validator.outputProblems(draft7, json("5")))
                .containsExactly("output: integer found, string expected");
        assertThat(validator.schemaProblems(json("{\"$schema\":\"https://example.com/my-dialect\"}")))
                .singleElement()
                .asString()
                .startsWith("outputSchema.$schema: must be https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void two_schemas_with_the_same_id_do_not_share_a_cache_entry() {
        JsonNode strings = json("{\"$id\":\"https://example.com/out\",\"type\":\"string\"}");
        JsonNode numbers = json("{\"$id\":\"https://example.com/out\",\"type\":\"number\"}");

        assertThat(validator.outputProblems(strings, json("\"a\""))).isEmpty();
        assertThat(validator.outputProblems(numbers, json("\"a\""))).isNotEmpty();
    }

    private static JsonNode json(String text) {
        try {
            return ContractJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
