package dev.signoff.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonMemberTextTest {
    private static final String RESEARCH = InfraFiles.read(InfraFiles.EXAMPLES.resolve("research-loop.asl.json"));

    @Test
    void a_member_is_its_whole_lines_from_key_to_value_end_without_the_separating_comma() {
        assertThat(JsonMemberText.of(RESEARCH, "/States/RecordFeedback")).isEqualTo("""
                            "RecordFeedback": {
                              "Type": "Pass",
                              "Parameters": {
                                "count.$": "States.MathAdd($.revision.count, 1)",
                                "feedback.$": "States.StringToJson($.reviewOutcome.Cause)",
                                "expiresAt": null
                              },
                              "ResultPath": "$.revision",
                              "Next": "RevisionsLeft"
                            }\
                        """);
    }

    @Test
    void an_array_element_and_a_scalar_member_are_found_too() {
        assertThat(JsonMemberText.of(RESEARCH, "/States/ReviewFindings/Catch/3"))
                .isEqualTo("""
                                {
                                  "ErrorEquals": ["Signoff.Expired"],
                                  "ResultPath": "$.reviewOutcome",
                                  "Next": "ReportExpiredReview"
                                }\
                        """);
        assertThat(JsonMemberText.of(RESEARCH, "/States/ReviewFindings/TimeoutSeconds"))
                .isEqualTo("      \"TimeoutSeconds\": 604800");
        assertThat(JsonMemberText.of(RESEARCH, "/States/ResearchFailed/CausePath"))
                .isEqualTo("      \"CausePath\": \"$.error.Cause\"");
    }

    @Test
    void pointer_tokens_are_unescaped_and_a_last_member_keeps_its_lines() {
        String json = "{\n  \"a/b\": {\n    \"c~d\": [1, 2]\n  }\n}\n";

        assertThat(JsonMemberText.of(json, "/a~1b/c~0d")).isEqualTo("    \"c~d\": [1, 2]");
        assertThat(JsonMemberText.of(json, "")).isEqualTo(json.strip());
    }

    @Test
    void a_member_that_shares_its_line_with_others_is_refused() {
        assertThatThrownBy(() -> JsonMemberText.of(RESEARCH, "/States/ReviewFindings/Catch/0/ErrorEquals/0"))
                .hasMessageContaining("shares a line with others; name its parent");
    }

    @Test
    void a_pointer_into_a_scalar_or_with_a_bad_index_is_refused() {
        assertThatThrownBy(() -> JsonMemberText.of(RESEARCH, "/StartAt/x"))
                .hasMessage("JSON Pointer /StartAt/x names nothing: /StartAt is neither object nor array");
        assertThatThrownBy(() -> JsonMemberText.of(RESEARCH, "/States/ReviewFindings/Catch/first"))
                .hasMessageContaining("is an array; \"first\" is not an index");
        assertThatThrownBy(() -> JsonMemberText.of(RESEARCH, "States")).hasMessageContaining("must start with /");
    }
}
