package dev.signoff.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signoff.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default mode and the digest settings: their defaults, and values out of range stop the app at start-up. */
class DigestConfigTest {

    @Test
    void the_defaults() {
        NotifyConfig config = ConfigMappings.load(NotifyConfig.class, Map.of());

        assertThat(config.defaultMode()).isEqualTo(NotifyMode.IMMEDIATE);
        assertThat(config.digest().at()).isEqualTo(LocalTime.of(8, 0));
        assertThat(config.digest().burstThreshold()).isEqualTo(10);
        assertThat(config.digest().burstWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.digest().maxTasks()).isEqualTo(50);
    }

    @Test
    void modes_and_hours_read_as_written() {
        NotifyConfig config = ConfigMappings.load(
                NotifyConfig.class,
                Map.of("signoff.notify.default-mode", "digest", "signoff.notify.digest.at", "17:30"));

        assertThat(config.defaultMode()).isEqualTo(NotifyMode.DIGEST);
        assertThat(config.digest().at()).isEqualTo(LocalTime.of(17, 30));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "digest.burst-threshold | 0  | signoff.notify.digest.burst-threshold must be greater than or equal to 1",
                "digest.max-tasks       | 0  | signoff.notify.digest.max-tasks must be greater than or equal to 1",
                "digest.burst-window    | 0s | signoff.notify.digest.burst-window must be longer than or equal to 1 second",
            })
    void a_value_out_of_range_is_refused_naming_the_property(String property, String value, String message) {
        assertThatThrownBy(() -> ConfigMappings.load(NotifyConfig.class, Map.of("signoff.notify." + property, value)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(message);
    }
}
