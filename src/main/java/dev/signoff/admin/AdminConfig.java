package dev.signoff.admin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** The admin dashboard. Out-of-range values stop the app at start-up, naming the property. */
@ConfigMapping(prefix = "signoff.admin")
public interface AdminConfig {

    /** A waiting task counts as near Step Functions' timeout when its timeoutAt is less than this ahead. */
    @WithDefault("24h")
    @DurationMin(inclusive = false)
    Duration nearTimeoutWindow();

    /** Rows per page of the stalled executions list, and the cap of the failure and quarantine lists. */
    @WithDefault("50")
    @Min(1)
    @Max(500)
    int pageSize();
}
