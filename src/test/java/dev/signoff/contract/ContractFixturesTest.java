package dev.signoff.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture against both the parser and the shipped JSON Schema, so the two cannot drift apart. Invalid fixtures
 * carry their expected problems in an {@code _expect} field, which the parser ignores like any unknown field.
 */
class ContractFixturesTest {

    static Stream<String> valid() {
        return ContractFixtures.folder("valid");
    }

    static Stream<String> invalid() {
        return ContractFixtures.folder("invalid");
    }

    static Stream<String> parserOnly() {
        return ContractFixtures.folder("invalid-parser-only");
    }

    @ParameterizedTest
    @MethodSource("valid")
    void valid_fixture_is_accepted_by_parser_and_schema(String fixture) {
        Parsed parsed = new ReviewRequestParser().parse(ContractFixtures.text(fixture));

        assertThat(parsed).isInstanceOf(Parsed.Valid.class);
        assertThat(ContractFixtures.schemaErrors(ContractFixtures.json(fixture)))
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalid_fixture_is_rejected_by_parser_and_schema(String fixture) {
        ObjectNode body = ContractFixtures.json(fixture);

        assertRejectedAsExpected(fixture, body);
        assertThat(ContractFixtures.schemaErrors(body)).as("schema errors").isNotEmpty();
    }

    /** Rules JSON Schema cannot express: if the schema learns one, move its fixture to invalid/. */
    @ParameterizedTest
    @MethodSource("parserOnly")
    void parser_only_fixture_is_rejected_by_parser_and_passes_schema(String fixture) {
        ObjectNode body = ContractFixtures.json(fixture);

        assertRejectedAsExpected(fixture, body);
        assertThat(ContractFixtures.schemaErrors(body)).as("schema errors").isEmpty();
    }

    private static void assertRejectedAsExpected(String fixture, ObjectNode body) {
        JsonNode expect = body.get("_expect");
        Parsed parsed = new ReviewRequestParser().parse(ContractFixtures.text(fixture));

        assertThat(parsed).isInstanceOf(Parsed.Invalid.class);
        Parsed.Invalid invalid = (Parsed.Invalid) parsed;
        assertThat(invalid.readableToken().isPresent())
                .as("token readable")
                .isEqualTo(expect.get("tokenReadable").booleanValue());
        invalid.readableToken()
                .ifPresent(token ->
                        assertThat(token).isEqualTo(body.get("taskToken").textValue()));
        List<String> exact = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        expect.get("problems").forEach(p -> (p.textValue().endsWith("*") ? prefixes : exact).add(p.textValue()));
        List<String> actual = new ArrayList<>(invalid.problems());
        for (String prefix : prefixes) {
            String start = prefix.substring(0, prefix.length() - 1);
            assertThat(actual).as("a problem starting with " + start).anyMatch(p -> p.startsWith(start));
            actual.removeIf(p -> p.startsWith(start));
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(exact);
    }
}
