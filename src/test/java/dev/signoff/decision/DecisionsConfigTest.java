package dev.signoff.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signoff.testsupport.ConfigMappings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reason codes per workflow, "*" for the rest; a code the column cannot hold does not start the app. */
class DecisionsConfigTest {

    @Test
    void a_workflow_gets_its_own_list_else_the_star_list_else_free_text() {
        DecisionsConfig config = ConfigMappings.load(
                DecisionsConfig.class,
                Map.of(
                        "signoff.decisions.workflows.\"invoice-processing\".reason-codes", "verified,amount-wrong",
                        "signoff.decisions.workflows.\"*\".reason-codes", "other"));

        assertThat(config.reasonCodesFor("invoice-processing")).containsExactly("verified", "amount-wrong");
        assertThat(config.reasonCodesFor("research")).containsExactly("other");
        assertThat(ConfigMappings.load(DecisionsConfig.class, Map.of()).reasonCodesFor("research"))
                .isEqualTo(List.of());
        assertThat(ConfigMappings.load(DecisionsConfig.class, Map.of()).largeOutputBucket())
                .isEmpty();
    }

    @Test
    void a_reason_code_longer_than_the_column_is_refused_at_start_up() {
        assertThatThrownBy(() -> ConfigMappings.load(
                        DecisionsConfig.class,
                        Map.of("signoff.decisions.workflows.\"*\".reason-codes", "ok," + "x".repeat(129))))
                .hasMessageContaining("signoff.decisions.workflows");
    }
}
