package dev.signoff.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signoff.contract.ContractJson;
import org.junit.jupiter.api.Test;

/** What the task page shows of an output is what the workflow receives: trailing zeros kept, plain digits. */
class PrettyJsonTest {

    @Test
    void the_page_shows_numbers_as_the_workflow_receives_them() throws Exception {
        String shown = TaskPageView.pretty(ContractJson.parse("{\"total\": 1208.00, \"count\": 1e2, \"rate\": 0.10}"));

        assertThat(shown)
                .contains("\"total\" : 1208.00")
                .contains("\"count\" : 100")
                .contains("\"rate\" : 0.10");
        assertThat(shown).doesNotContain("E+").contains("\n");
    }

    @Test
    void stored_json_text_is_indented_the_same_way() {
        assertThat(Formats.prettyJson("{\"total\":1208.00,\"count\":1E+2}"))
                .contains("\"total\" : 1208.00")
                .contains("\"count\" : 100");
        assertThat(Formats.prettyJson("not json")).isEqualTo("not json");
    }
}
