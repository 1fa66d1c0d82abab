package dev.signoff.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signoff.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A sweep that could never check (rate 0) or would spin (interval 0) does not start. */
class ReconcileConfigTest {

    @Test
    void by_default_a_round_checks_150_executions_every_30_seconds() {
        ReconcileConfig config = ConfigMappings.load(ReconcileConfig.class, Map.of());

        assertThat(config.enabled()).isTrue();
        assertThat(config.perRound()).isEqualTo(150);
    }

    @Test
    void a_round_shorter_than_a_second_still_checks_one() {
        ReconcileConfig config = ConfigMappings.load(
                ReconcileConfig.class, Map.of("signoff.reconcile.rate", "1", "signoff.reconcile.interval", "200ms"));

        assertThat(config.perRound()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "rate     | 0  | signoff.reconcile.rate must be greater than or equal to 1",
                "interval | 0s | signoff.reconcile.interval must be longer than 0",
            })
    void a_value_out_of_range_is_refused_naming_the_property(String property, String value, String message) {
        assertThatThrownBy(() ->
                        ConfigMappings.load(ReconcileConfig.class, Map.of("signoff.reconcile." + property, value)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(message);
    }
}
