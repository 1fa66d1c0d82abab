package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonPathParametersTest {
    private final JsonNode input = json("""
            {"doc": {"bucket": "b", "key": "k/1.pdf", "size": 12, "score": 0.62, "tags": ["x", "y"]},
             "count": 2, "text": "{\\"a\\": [1, 2]}", "list": [{"v": "approved"}, {"v": "rejected"}, {"v": "approved"}]}
            """);
    private final JsonNode context = json("""
            {"Task": {"Token": "tok+/="}, "Execution": {"Id": "arn:x"}, "State": {"Name": "Review"}}
            """);

    @Test
    void dollar_fields_are_replaced_by_their_path_value_under_the_name_without_suffix() {
        JsonNode out = eval("""
                {"plain": "$.doc", "a.$": "$.doc.bucket", "n": {"k.$": "$.doc.tags[1]"},
                 "arr": [{"t.$": "$$.Task.Token"}, 3], "whole.$": "$", "q.$": "$['doc']['key']"}
                """);
        assertThat(out).isEqualTo(json("""
                {"plain": "$.doc", "a": "b", "n": {"k": "y"}, "arr": [{"t": "tok+/="}, 3],
                 "whole": %s, "q": "k/1.pdf"}
                """.formatted(input)));
    }

    @Test
    void a_path_that_does_not_resolve_fails_naming_the_path() {
        assertThatThrownBy(() -> eval("{\"a.$\": \"$.doc.missing\"}"))
                .isInstanceOf(JsonPaths.PathNotFoundException.class)
                .hasMessageContaining("$.doc.missing");
        assertThatThrownBy(() -> eval("{\"a.$\": \"$.doc.tags[5]\"}")).hasMessageContaining("$.doc.tags[5]");
        assertThatThrownBy(() -> eval("{\"a.$\": \"$$.Map.Item.Value\"}")).hasMessageContaining("$$.Map.Item.Value");
    }

    @Test
    void unsupported_syntax_is_rejected_instead_of_guessed() {
        assertThatThrownBy(() -> eval("{\"a.$\": \"$..key\"}")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> eval("{\"a.$\": \"$.doc.*\"}")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> eval("{\"a.$\": \"States.UUID()\"}"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("States.UUID");
        assertThatThrownBy(() -> eval("{\"a.$\": 3}")).hasMessageContaining("a.$");
    }

    @Test
    void format_fills_placeholders_in_order_and_honours_escapes() {
        assertThat(expr("States.Format('s3://{}/{}', $.doc.bucket, $.doc.key)").textValue())
                .isEqualTo("s3://b/k/1.pdf");
        assertThat(expr("States.Format('{} of {}', $.count, 3)").textValue()).isEqualTo("2 of 3");
        assertThat(expr("States.Format('{}', $.doc.score)").textValue()).isEqualTo("0.62");
        assertThat(expr("States.Format('it\\'s \\{literal\\} {}', true)").textValue())
                .isEqualTo("it's {literal} true");
        assertThatThrownBy(() -> expr("States.Format('{} {}', 1)")).hasMessageContaining("more {} than arguments");
        assertThatThrownBy(() -> expr("States.Format('{}', $.doc)")).hasMessageContaining("States.JsonToString");
    }

    @Test
    void json_conversions_arrays_lengths_and_sums_nest() {
        assertThat(expr("States.StringToJson($.text)")).isEqualTo(json("{\"a\": [1, 2]}"));
        assertThat(expr("States.JsonToString($.doc.tags)").textValue()).isEqualTo("[\"x\",\"y\"]");
        assertThat(expr("States.Array($.doc.bucket, 1, null)")).isEqualTo(json("[\"b\", 1, null]"));
        assertThat(expr("States.ArrayLength(States.Array(1, 2, 3))").intValue()).isEqualTo(3);
        assertThat(expr("States.MathAdd($.count, 1)").intValue()).isEqualTo(3);
        assertThat(expr("States.Format('{}', States.JsonToString(States.StringToJson($.text)))")
                        .textValue())
                .isEqualTo("{\"a\":[1,2]}");
        assertThatThrownBy(() -> expr("States.MathAdd($.doc.score, 1)")).hasMessageContaining("two integers");
    }

    @Test
    void equality_filter_selects_matching_items_and_writes_create_missing_objects() {
        assertThat(JsonPaths.read(input.get("list"), "$[?(@.v == 'approved')]", "f"))
                .hasSize(2);
        assertThat(JsonPaths.read(input.get("list"), "$[?(@.v == 'none')]", "f"))
                .isEmpty();
        JsonNode written = JsonPaths.write(input, "$.review.outcome", json("{\"Error\": \"E\"}"));
        assertThat(written.at("/review/outcome/Error").textValue()).isEqualTo("E");
        assertThat(input.has("review")).as("the input is not changed").isFalse();
        assertThat(JsonPaths.write(input, "$", json("1")).intValue()).isEqualTo(1);
    }

    private JsonNode eval(String template) {
        return JsonPathParameters.evaluate(json(template), input, context);
    }

    private JsonNode expr(String expression) {
        return JsonPathParameters.expression(expression, input, context);
    }

    private static JsonNode json(String text) {
        return JsonPathParameters.parseJson(text);
    }
}
