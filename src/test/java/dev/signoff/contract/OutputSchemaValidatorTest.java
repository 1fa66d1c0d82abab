package dev.signoff.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
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

    @Test
    void backtracking_patterns_answer_at_once_against_long_near_matches() {
        // ^(a+)+$ is the textbook case; Java 17's regex copes with it, not with a bounded repetition of a greedy
        // group (about n^12 steps) nor with an alternation under + on a long input (it recurses per character and
        // overflows the stack). A linear-time engine answers each in microseconds.
        JsonNode schema = json("{\"properties\":{"
                + "\"a\":{\"type\":\"string\",\"pattern\":\"^(a+)+$\"},"
                + "\"b\":{\"type\":\"string\",\"pattern\":\"^(.*a){12}$\"},"
                + "\"c\":{\"type\":\"string\",\"pattern\":\"^(a|a?)+$\"}}}");
        String near = "\"" + "a".repeat(5_000) + "!\"";
        String shortNear = "\"" + "a".repeat(40) + "!\"";

        List<String> problems = assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> validator.outputProblems(
                        schema, json("{\"a\":" + near + ",\"b\":" + shortNear + ",\"c\":" + near + "}")));

        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("output.a: ").contains("^(a+)+$");
        assertThat(problems.get(1)).startsWith("output.b: ").contains("^(.*a){12}$");
        assertThat(problems.get(2)).startsWith("output.c: ").contains("^(a|a?)+$");
        String fits = "\"" + "a".repeat(5_000) + "\"";
        assertThat(validator.outputProblems(schema, json("{\"a\":" + fits + ",\"b\":" + fits + ",\"c\":" + fits + "}")))
                .isEmpty();
    }

    @Test
    void patterns_keep_ecma_262_meaning_unanchored_with_unicode_escapes_and_long_property_names() {
        JsonNode schema = json("{\"type\":\"string\",\"allOf\":[{\"pattern\":\"\\\\u0041+\"},"
                + "{\"pattern\":\"^\\\\p{Letter}+$\"}]}");

        assertThat(validator.schemaProblems(schema)).isEmpty();
        assertThat(validator.outputProblems(schema, json("\"xAAy\""))).isEmpty();
        assertThat(validator.outputProblems(schema, json("\"xy\""))).hasSize(1);
        assertThat(validator.outputProblems(schema, json("\"xA1\""))).hasSize(1);
    }

    @Test
    void a_pattern_with_lookahead_is_refused_with_the_reason() {
        assertThat(validator.schemaProblems(json("{\"pattern\":\"^(?=a)a+$\"}")))
                .singleElement()
                .asString()
                .startsWith("outputSchema: cannot be used: pattern \"^(?=a)a+$\" is not supported")
                .contains("linear-time");
    }

    @Test
    void a_schema_nested_hundreds_of_levels_deep_is_refused_before_it_is_validated() {
        String deep = "{\"items\":".repeat(450) + "{\"type\":\"string\"}" + "}".repeat(450);

        assertThat(validator.schemaProblems(json(deep)))
                .containsExactly("outputSchema: nests more than 64 levels deep; at most 64 are accepted");
        String fits = "{\"items\":".repeat(62) + "true" + "}".repeat(62);
        assertThat(validator.schemaProblems(json(fits))).isEmpty();
    }

    @Test
    void a_schema_larger_than_64_kib_is_refused_and_a_deep_output_is_refused_not_validated() {
        String big = "{\"description\":\"" + "x".repeat(70_000) + "\"}";
        assertThat(validator.schemaProblems(json(big)))
                .singleElement()
                .asString()
                .startsWith("outputSchema: is 70,018 bytes as compact JSON; at most 65,536");

        JsonNode recursive = json("{\"$defs\":{\"n\":{\"items\":{\"$ref\":\"#/$defs/n\"}}},\"$ref\":\"#/$defs/n\"}");
        String deepOutput = "[".repeat(400) + "]".repeat(400);
        assertThat(validator.outputProblems(recursive, json(deepOutput)))
                .containsExactly("output: nests more than 64 levels deep; at most 64 are accepted");
        assertThat(validator.outputProblems(recursive, json("[[[]]]"))).isEmpty();
    }

    private static JsonNode json(String text) {
        try {
            return ContractJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void violations_point_at_the_value_they_are_about_and_a_missing_property_at_where_it_belongs() throws Exception {
        var schema = ContractJson.parse("{\"type\":\"object\",\"required\":[\"total\"],\"properties\":{"
                + "\"total\":{\"type\":\"number\"},\"lines\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
                + "\"properties\":{\"a/b\":{\"type\":\"integer\",\"minimum\":1}}}}}}");
        var output = ContractJson.parse("{\"lines\":[{\"a/b\":1},{\"a/b\":0}]}");

        var violations = validator.violations(schema, output);

        assertThat(violations)
                .extracting(OutputSchemaValidator.Violation::pointer)
                .containsExactlyInAnyOrder("/total", "/lines/1/a~1b");
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).doesNotStartWith("$"));
        assertThat(validator.violations(schema, ContractJson.parse("{\"total\":1.5}")))
                .isEmpty();
    }
}
