package dev.signoff.artifacts;

import dev.signoff.config.PositiveSize;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

    /**
     * Most bytes of a text, Markdown, JSON or CSV artifact that Signoff reads to render it into the task page: larger
     * ones say so and offer the download, except a CSV, whose first rows are shown from that many bytes.
     */
    @WithDefault("1M")
    @PositiveSize
    MemorySize maxRenderedSize();

    /** Rows of a CSV artifact shown in its preview table. */
    @WithDefault("50")
    @Min(1)
    @Max(1000)
    int csvPreviewRows();
}
