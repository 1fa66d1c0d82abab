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

/** A dispatcher that could never send (0 attempts) or would spin (0 s intervals) does not start. */
class DispatchConfigTest {

    @Test
    void the_defaults_are_in_range() {
        DispatchConfig config = ConfigMappings.load(DispatchConfig.class, Map.of());

        assertThat(config.maxAttempts()).isEqualTo(20);
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxBacklogAge()).isEqualTo(Duration.ofMinutes(5));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "max-attempts    | 0   | signoff.callbacks.max-attempts must be greater than or equal to 1",
                "batch-size      | 0   | signoff.callbacks.batch-size must be greater than or equal to 1",
                "initial-backoff | 0s  | signoff.callbacks.initial-backoff must be longer than 0",
                "max-backoff     | 0s  | signoff.callbacks.max-backoff must be longer than 0",
                "lease           | 0s  | signoff.callbacks.lease must be longer than 0",
                "poll-interval   | 0s  | signoff.callbacks.poll-interval must be longer than 0",
                "upkeep-interval | -1s | signoff.callbacks.upkeep-interval must be longer than 0",
                "max-backlog-age | 0s  | signoff.callbacks.max-backlog-age must be longer than 0",
                "initial-backoff | 6m  | signoff.callbacks initial-backoff must not be longer than max-backoff",
            })
    void a_value_out_of_range_is_refused_naming_the_property(String property, String value, String message) {
        assertThatThrownBy(
                        () -> ConfigMappings.load(DispatchConfig.class, Map.of("signoff.callbacks." + property, value)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(message);
    }

    @Test
    void a_first_retry_as_long_as_the_longest_is_accepted() {
        DispatchConfig config =
                ConfigMappings.load(DispatchConfig.class, Map.of("signoff.callbacks.initial-backoff", "5m"));

        assertThat(config.initialBackoff()).isEqualTo(config.maxBackoff());
    }
}
