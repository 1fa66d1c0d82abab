package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AslWalkerTest {
    private static final JsonNode CONTEXT = InfraFiles.resource("context.json");
    private static final JsonNode MACHINE = JsonPathParameters.parseJson("""
            {"StartAt": "Work", "States": {
              "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                       "Parameters": {"x.$": "$.x"}, "ResultSelector": {"y.$": "$.Payload.y"}, "ResultPath": "$.work",
                       "Catch": [{"ErrorEquals": ["Boom"], "ResultPath": "$.err", "Next": "Caught"}], "Next": "Big"},
              "Big": {"Type": "Choice", "Choices": [{"Variable": "$.work.y", "NumericGreaterThan": 10, "Next": "Done"}],
                      "Default": "Small"},
              "Small": {"Type": "Fail", "Error": "Small"},
              "Caught": {"Type": "Fail", "Error": "Caught", "CausePath": "$.err.Cause"},
              "Done": {"Type": "Succeed"}}}
            """);

    @Test
    void result_selector_and_result_path_shape_the_next_input() {
        AslWalker.Run run = AslWalker.run(
                MACHINE,
                input(),
                CONTEXT,
                Map.of("Work", List.of(AslWalker.returns(json("{\"Payload\": {\"y\": 11}}")))));
        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.output()).isEqualTo(json("{\"x\": 5, \"work\": {\"y\": 11}}"));
        assertThat(run.visitsOf("Work").get(0).parameters()).isEqualTo(json("{\"x\": 5}"));
        assertThat(run.path()).containsExactly("Work", "Big", "Done");
    }

    @Test
    void choice_default_and_catchers_route_as_step_functions_does() {
        AslWalker.Run small = AslWalker.run(
                MACHINE,
                input(),
                CONTEXT,
                Map.of("Work", List.of(AslWalker.returns(json("{\"Payload\": {\"y\": 1}}")))));
        assertThat(small.error()).isEqualTo("Small");
        AslWalker.Run caught = AslWalker.run(
                MACHINE, input(), CONTEXT, Map.of("Work", List.of(v -> new AslWalker.Failure("Boom", "why"))));
        assertThat(caught.error()).isEqualTo("Caught");
        assertThat(caught.cause()).isEqualTo("why");
        AslWalker.Run uncaught = AslWalker.run(
                MACHINE, input(), CONTEXT, Map.of("Work", List.of(v -> new AslWalker.Failure("Other", "c"))));
        assertThat(uncaught.error()).isEqualTo("Other");
    }

    @Test
    void each_task_visit_gets_its_own_token_and_state_name() {
        AslWalker.Run run = AslWalker.run(
                MACHINE,
                input(),
                CONTEXT,
                Map.of("Work", List.of(AslWalker.returns(json("{\"Payload\": {\"y\": 11}}")))));
        JsonNode context = run.visitsOf("Work").get(0).context();
        assertThat(context.at("/State/Name").textValue()).isEqualTo("Work");
        assertThat(context.at("/Task/Token").textValue())
                .startsWith(CONTEXT.at("/Task/Token").textValue());
    }

    @Test
    void a_task_without_a_scripted_answer_or_an_unused_answer_fails_the_test() {
        assertThatThrownBy(() -> AslWalker.run(MACHINE, input(), CONTEXT, Map.of()))
                .hasMessageContaining("no (further) outcome for Task state Work");
        AslWalker.Responder answer = AslWalker.returns(json("{\"Payload\": {\"y\": 11}}"));
        assertThatThrownBy(() -> AslWalker.run(MACHINE, input(), CONTEXT, Map.of("Work", List.of(answer, answer))))
                .hasMessageContaining("never used");
    }

    private static JsonNode input() {
        return json("{\"x\": 5}");
    }

    private static JsonNode json(String text) {
        return JsonPathParameters.parseJson(text);
    }
}
