package dev.signoff.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signoff.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gauges that would never refresh, or a workflow label without bound, stop the app at start-up. */
class MetricsConfigTest {

    @Test
    void the_defaults_are_in_range() {
        MetricsConfig config = ConfigMappings.load(MetricsConfig.class, Map.of());

        assertThat(config.refreshInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxWorkflows()).isEqualTo(20);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "refresh-interval | 0s  | signoff.metrics.refresh-interval must be longer than 0",
                "max-workflows    | 0   | signoff.metrics.max-workflows must be greater than or equal to 1",
                "max-workflows    | 201 | signoff.metrics.max-workflows must be less than or equal to 200",
            })
    void a_value_out_of_range_is_refused_naming_the_property(String property, String value, String message) {
        assertThatThrownBy(() -> ConfigMappings.load(MetricsConfig.class, Map.of("signoff.metrics." + property, value)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"max-workflows, 1", "max-workflows, 200", "refresh-interval, 1ms"})
    void the_ends_of_each_range_are_accepted(String property, String value) {
        assertThat(ConfigMappings.load(MetricsConfig.class, Map.of("signoff.metrics." + property, value)))
                .isNotNull();
    }
}
