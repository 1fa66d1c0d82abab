package dev.signoff.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.sandbox.stepfunctions.TaskContext;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageBodyTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TaskContext CONTEXT = new TaskContext(
            "AAAAKgAAAAIAAAAAAAAAAc+token/with=chars",
            "arn:aws:states:us-east-1:123456789012:execution:invoice-extraction:run-7",
            "arn:aws:states:us-east-1:123456789012:stateMachine:invoice-extraction",
            "ReviewExtractedFields",
            Instant.parse("2026-11-26T10:00:00Z"));

    @Test
    void dollar_keys_take_values_from_the_context_object_and_lose_their_suffix() throws Exception {
        ObjectNode body = render("""
                {"taskToken.$": "$$.Task.Token", "executionArn.$": "$$.Execution.Id",
                 "stateMachineArn.$": "$$.StateMachine.Id", "stateName.$": "$$.State.Name",
                 "enteredAt.$": "$$.State.EnteredTime", "execution.$": "$$.Execution.Name"}""", "{}");

        assertThat(body.get("taskToken").asText()).isEqualTo(CONTEXT.taskToken());
        assertThat(body.get("executionArn").asText()).isEqualTo(CONTEXT.executionArn());
        assertThat(body.get("stateMachineArn").asText()).isEqualTo(CONTEXT.stateMachineArn());
        assertThat(body.get("stateName").asText()).isEqualTo("ReviewExtractedFields");
        assertThat(body.get("enteredAt").asText()).isEqualTo("2026-11-26T10:00:00.000Z");
        assertThat(body.get("execution").asText()).isEqualTo("run-7");
        assertThat(body.has("taskToken.$")).isFalse();
    }

    @Test
    void paths_select_whole_subtrees_and_array_items_from_the_input() throws Exception {
        ObjectNode body = render("""
                {"findings.$": "$.agent.findings", "first.$": "$.agent.findings[0].title", "all.$": "$"}""", """
                {"agent": {"findings": [{"title": "IBAN changed", "severity": "high"}]}}""");

        assertThat(body.get("findings"))
                .isEqualTo(JSON.readTree("[{\"title\":\"IBAN changed\",\"severity\":\"high\"}]"));
        assertThat(body.get("first").asText()).isEqualTo("IBAN changed");
        assertThat(body.get("all").path("agent").path("findings").size()).isEqualTo(1);
    }

    @Test
    void static_values_are_copied_and_nested_objects_are_resolved_too() throws Exception {
        ObjectNode body = render("""
                {"signoff": "review-request/v1", "decisions": ["approve", "reject"],
                 "assignees": {"groups": ["finance-reviewers"]},
                 "metadata": {"Run.$": "$.run", "Team": "AP"}}""", "{\"run\": \"run-9\"}");

        assertThat(body).isEqualTo(JSON.readTree("""
                        {"signoff": "review-request/v1", "decisions": ["approve", "reject"],
                         "assignees": {"groups": ["finance-reviewers"]},
                         "metadata": {"Run": "run-9", "Team": "AP"}}"""));
    }

    @Test
    void states_format_fills_placeholders_with_strings_and_numbers() throws Exception {
        ObjectNode body = render("""
                {"title.$": "States.Format('Invoice {} has {} open fields \\\\{sic\\\\} in \\\\'{}\\\\'', $.number, $.open, $$.State.Name)"}""", "{\"number\": \"NW-4711\", \"open\": 3}");

        assertThat(body.get("title").asText())
                .isEqualTo("Invoice NW-4711 has 3 open fields {sic} in 'ReviewExtractedFields'");
    }

    @Test
    void a_path_missing_from_the_input_fails_like_states_runtime_without_showing_values() {
        MessageBodyTemplate template =
                MessageBodyTemplate.of(tree("{\"token.$\": \"$$.Task.Token\", \"x.$\": \"$.nope.deeper\"}"));

        assertThatThrownBy(() -> template.render(tree("{\"nope\": {}}"), CONTEXT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("States.Runtime")
                .hasMessageContaining("$.nope.deeper")
                .hasMessageNotContaining(CONTEXT.taskToken());
    }

    @Test
    void formatting_an_object_fails_like_states_runtime() {
        MessageBodyTemplate template = MessageBodyTemplate.of(tree("{\"t.$\": \"States.Format('{}', $.obj)\"}"));

        assertThatThrownBy(() -> template.render(tree("{\"obj\": {\"a\": 1}}"), CONTEXT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("$.obj");
    }

    @Test
    void unsupported_or_malformed_expressions_are_refused_when_the_template_is_built() {
        for (String expression : new String[] {
            "$.a[*]",
            "$..deep",
            "States.JsonToString($.a)",
            "States.Format('{} and {}', $.a)",
            "States.Format('{}' $.a)",
            "States.Format('{}', )",
            "States.Format('unterminated",
            "plain text"
        }) {
            ObjectNode template = JSON.createObjectNode().put("x.$", expression);
            assertThatThrownBy(() -> MessageBodyTemplate.of(template))
                    .as(expression)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> MessageBodyTemplate.of(tree("{\"x.$\": 42}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageBodyTemplate.of(tree("[]"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_template_cannot_be_changed_from_outside() {
        ObjectNode source = (ObjectNode) tree("{\"title\": \"before\"}");
        MessageBodyTemplate template = MessageBodyTemplate.of(source);

        source.put("title", "after");
        template.template().put("title", "changed");

        assertThat(template.render(tree("{}"), CONTEXT).get("title").asText()).isEqualTo("before");
    }

    private static ObjectNode render(String template, String input) {
        return MessageBodyTemplate.of(tree(template)).render(tree(input), CONTEXT);
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
