package dev.signoff.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.contract.ContractJson;
import org.junit.jupiter.api.Test;

/** An edit is an edit only if the workflow would receive something else. */
class SameJsonTest {

    @Test
    void key_order_spacing_and_exponents_do_not_make_an_edit() {
        assertThat(DecisionService.sameJson(json("{\"a\":1e2,\"b\":[true]}"), json("{ \"b\": [true], \"a\": 100 }")))
                .isTrue();
    }

    @Test
    void trailing_zeros_types_and_values_do() {
        assertThat(DecisionService.sameJson(json("{\"a\":100.10}"), json("{\"a\":100.1}")))
                .isFalse();
        assertThat(DecisionService.sameJson(json("{\"a\":\"1\"}"), json("{\"a\":1}")))
                .isFalse();
        assertThat(DecisionService.sameJson(json("{\"a\":1}"), json("{\"a\":1,\"b\":null}")))
                .isFalse();
        assertThat(DecisionService.sameJson(json("{\"a\":1}"), null)).isFalse();
    }

    private static JsonNode json(String text) {
        try {
            return ContractJson.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
