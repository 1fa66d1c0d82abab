package dev.signoff.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** The gauges at /q/metrics. Out-of-range values stop the app at start-up, naming the property. */
@ConfigMapping(prefix = "signoff.metrics")
public interface MetricsConfig {

    /**
     * How often the database-backed gauges (waiting tasks, quarantine, heartbeat lag, callback backlog) and the DLQ depth
     * are read; a scrape only reads the last values, so scraping often costs nothing.
     */
    @WithDefault("30s")
    @DurationMin(inclusive = false)
    Duration refreshInterval();

    /** Workflows with a waiting gauge of their own, the most waiting first; the rest are summed as "other". */
    @WithDefault("20")
    @Min(1)
    @Max(200)
    int maxWorkflows();
}
