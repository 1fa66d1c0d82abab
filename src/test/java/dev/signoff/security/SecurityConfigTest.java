package dev.signoff.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signoff.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityConfigTest {

    private static final Map<String, String> REQUIRED = Map.of(
            "signoff.security.token-keys.k1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
            "signoff.security.active-token-key", "k1");

    @Test
    void the_defaults_are_in_range() {
        SecurityConfig config = ConfigMappings.load(SecurityConfig.class, REQUIRED);

        assertThat(config.groupsClaim()).isEqualTo("groups");
    }

    @ParameterizedTest
    @ValueSource(strings = {"groups-claim", "active-token-key"})
    void a_blank_name_is_refused_naming_the_property(String property) {
        Map<String, String> properties = new HashMap<>(REQUIRED);
        properties.put("signoff.security." + property, " ");

        assertThatThrownBy(() -> ConfigMappings.load(SecurityConfig.class, properties))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("signoff.security." + property + " must not be blank");
    }
}
