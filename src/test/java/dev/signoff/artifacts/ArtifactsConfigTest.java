package dev.signoff.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signoff.testsupport.ConfigMappings;
import io.smallrye.config.ConfigValidationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArtifactsConfigTest {

    @Test
    void the_defaults_are_in_range() {
        ArtifactsConfig config = ConfigMappings.load(ArtifactsConfig.class, Map.of());

        assertThat(config.maxPreviewSize().asLongValue()).isEqualTo(10L * 1024 * 1024);
    }

    @Test
    void a_preview_size_of_nothing_is_refused_naming_the_property() {
        assertThatThrownBy(() ->
                        ConfigMappings.load(ArtifactsConfig.class, Map.of("signoff.artifacts.max-preview-size", "0")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("signoff.artifacts.max-preview-size must be more than 0 bytes");
    }

    @Test
    void a_preview_size_of_one_byte_is_accepted() {
        ArtifactsConfig config =
                ConfigMappings.load(ArtifactsConfig.class, Map.of("signoff.artifacts.max-preview-size", "1"));

        assertThat(config.maxPreviewSize().asLongValue()).isEqualTo(1);
    }
}
