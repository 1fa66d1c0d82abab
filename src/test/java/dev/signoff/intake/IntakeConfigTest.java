package dev.signoff.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signoff.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SQS's limits and sane durations are checked when the app starts, not bent into range at each receive. */
class IntakeConfigTest {

    private static final Map<String, String> REQUIRED =
            Map.of("signoff.intake.queue-url", "http://127.0.0.1:9324/000000000000/signoff-review");

    @Test
    void the_defaults_are_in_range() {
        IntakeConfig config = ConfigMappings.load(IntakeConfig.class, REQUIRED);

        assertThat(config.batchSize()).isEqualTo(10);
        assertThat(config.waitSeconds()).isEqualTo(20);
        assertThat(config.pollers()).isEqualTo(1);
        assertThat(config.errorBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.readinessTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.readinessCache()).isEqualTo(Duration.ofSeconds(15));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "batch-size        | 0   | signoff.intake.batch-size must be greater than or equal to 1",
                "batch-size        | 11  | signoff.intake.batch-size must be less than or equal to 10",
                "wait-seconds      | -1  | signoff.intake.wait-seconds must be greater than or equal to 0",
                "wait-seconds      | 21  | signoff.intake.wait-seconds must be less than or equal to 20",
                "pollers           | 0   | signoff.intake.pollers must be greater than or equal to 1",
                "error-backoff     | 0s  | signoff.intake.error-backoff must be longer than 0",
                "max-error-backoff | 0s  | signoff.intake.max-error-backoff must be longer than 0",
                "shutdown-grace    | -1s | signoff.intake.shutdown-grace must be longer than or equal to 0",
                "readiness-timeout | 0s  | signoff.intake.readiness-timeout must be longer than 0",
                "readiness-cache   | -1s | signoff.intake.readiness-cache must be longer than or equal to 0",
                "error-backoff     | 31s | signoff.intake error-backoff must not be longer than max-error-backoff",
            })
    void a_value_out_of_range_is_refused_naming_the_property(String property, String value, String message) {
        assertThatThrownBy(() -> load(property, value))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({
        "batch-size, 1",
        "batch-size, 10",
        "wait-seconds, 0",
        "wait-seconds, 20",
        "shutdown-grace, 0s",
        "readiness-cache, 0s",
        "error-backoff, 30s"
    })
    void the_ends_of_each_range_are_accepted(String property, String value) {
        assertThat(load(property, value)).isNotNull();
    }

    private static IntakeConfig load(String property, String value) {
        Map<String, String> properties = new HashMap<>(REQUIRED);
        properties.put("signoff.intake." + property, value);
        return ConfigMappings.load(IntakeConfig.class, properties);
    }
}
