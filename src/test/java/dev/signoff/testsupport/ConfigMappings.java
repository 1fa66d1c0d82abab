package dev.signoff.testsupport;

import dev.signoff.config.SignoffConfigValidator;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * Loads one {@code @ConfigMapping} the way Quarkus does at start-up, without starting an app: Quarkus's converters
 * for {@code 5m} and {@code 10M}, and the app's own check of the mapping that stops a start-up
 * ({@link SignoffConfigValidator}).
 */
public final class ConfigMappings {

    private ConfigMappings() {}

    /**
     * @throws io.smallrye.config.ConfigValidationException when a value is out of range; its message names the
     *     property, as the start-up log does
     */
    public static <T> T load(Class<T> mapping, Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(mapping)
                .withValidator(new SignoffConfigValidator())
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(mapping);
    }
}
