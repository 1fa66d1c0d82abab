package dev.signoff.artifacts;

import dev.signoff.config.PositiveSize;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "signoff.artifacts")
public interface ArtifactsConfig {

    /**
     * Buckets Signoff may read artifacts from. A review request naming any other bucket is refused before S3 is
     * called, so a workflow cannot make Signoff read an arbitrary bucket its role happens to reach. Unset: none.
     */
    Optional<Set<String>> allowedBuckets();

    /** Largest artifact shown inline in the browser or read into memory for a preview; larger ones only download. */
    @WithDefault("10M")
    @PositiveSize
    MemorySize maxPreviewSize();
}
