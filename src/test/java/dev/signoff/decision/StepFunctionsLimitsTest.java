package dev.signoff.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signoff.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The defaults sit under AWS's smallest quotas (docs/configuration.md); a limit of 0 would never call at all. */
class StepFunctionsLimitsTest {

    @Test
    void the_defaults_stay_under_the_accounts_quotas() {
        StepFunctionsLimits limits = ConfigMappings.load(StepFunctionsLimits.class, Map.of());

        assertThat(limits.sendTaskRate()).isEqualTo(400).isLessThan(500);
        assertThat(limits.describeExecutionRate()).isEqualTo(10).isLessThanOrEqualTo(10);
        assertThat(limits.getExecutionHistoryRate()).isEqualTo(10).isLessThan(20);
        assertThat(limits.maxWait()).isEqualTo(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "send-task-rate              | 0   | signoff.step-functions.send-task-rate must be greater than or equal to 1",
                "describe-execution-rate     | 0   | signoff.step-functions.describe-execution-rate must be greater",
                "get-execution-history-rate  | 0   | signoff.step-functions.get-execution-history-rate must be greater",
                "max-wait                    | -1s | signoff.step-functions.max-wait must be longer than or equal to 0",
            })
    void a_value_out_of_range_is_refused_naming_the_property(String property, String value, String message) {
        assertThatThrownBy(() -> ConfigMappings.load(
                        StepFunctionsLimits.class, Map.of("signoff.step-functions." + property, value)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(message);
    }
}
