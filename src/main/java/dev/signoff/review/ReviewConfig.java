package dev.signoff.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** How review tasks behave for reviewers. Checked at start-up like every Signoff mapping. */
@ConfigMapping(prefix = "signoff.review")
public interface ReviewConfig {

    /**
     * How long a claim ("I'm on it") holds without activity from its holder. After that the task counts as
     * unclaimed again (a read-time rule: nothing sweeps claims).
     */
    @WithDefault("PT2H")
    @DurationMin(inclusive = false)
    Duration claimIdle();
}
