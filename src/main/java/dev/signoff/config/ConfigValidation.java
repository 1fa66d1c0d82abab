package dev.signoff.config;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * Puts {@link SignoffConfigValidator} into the configuration Quarkus builds at start-up (registered in
 * {@code META-INF/services}; Quarkus applies such a customizer to the run-time configuration, where Signoff's
 * mappings are).
 */
public final class ConfigValidation implements SmallRyeConfigBuilderCustomizer {

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withValidator(new SignoffConfigValidator());
    }
}
