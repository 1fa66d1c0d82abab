package dev.signoff.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** How reviewers work on tasks. Out-of-range values stop the app at start-up, naming the property. */
@ConfigMapping(prefix = "signoff.review")
public interface ReviewConfig {

    /** How long a claim holds without its holder acting on the task (claiming again, commenting). */
    @WithDefault("2h")
    @DurationMin(inclusive = false)
    Duration claimIdle();
}
