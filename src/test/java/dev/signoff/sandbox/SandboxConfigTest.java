package dev.signoff.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signoff.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SandboxConfigTest {

    @Test
    void the_defaults_are_in_range() {
        SandboxConfig config = ConfigMappings.load(SandboxConfig.class, Map.of());

        assertThat(config.sqs().port()).isEqualTo(9324);
        assertThat(config.sqs().maxReceiveCount()).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "sqs.port               | 0     | signoff.sandbox.sqs.port must be greater than or equal to 1",
                "s3.port                | 65536 | signoff.sandbox.s3.port must be less than or equal to 65535",
                "step-functions.port    | 0     | signoff.sandbox.step-functions.port must be greater than or equal to 1",
                "sqs.max-receive-count  | 0     | signoff.sandbox.sqs.max-receive-count must be greater than or equal to 1",
                "sqs.max-receive-count  | 1001  | signoff.sandbox.sqs.max-receive-count must be less than or equal to 1000",
            })
    void a_value_out_of_range_is_refused_naming_the_property(String property, String value, String message) {
        assertThatThrownBy(() -> ConfigMappings.load(SandboxConfig.class, Map.of("signoff.sandbox." + property, value)))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining(message);
    }
}
