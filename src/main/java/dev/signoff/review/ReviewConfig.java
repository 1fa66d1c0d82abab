package dev.signoff.review;

import dev.signoff.contract.ReviewRequest.ExpiryPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** How reviewers work on tasks. Out-of-range values stop the app at start-up, naming the property. */
@ConfigMapping(prefix = "signoff.review")
public interface ReviewConfig {

    /** How long a claim holds without its holder acting on the task (claiming again, commenting). */
    @WithDefault("2h")
    @DurationMin(inclusive = false)
    Duration claimIdle();

    /** The expiry policy of a request that has {@code expiresAt} but names no {@code onExpiry}. */
    @WithDefault("fail")
    ExpiryPolicy onExpiry();

    /**
     * Who a request without {@code assignees} goes to (the default route). Unset: such a request is refused
     * ({@code assignees: is required}) and its execution failed with {@code Signoff.InvalidRequest}.
     */
    Optional<List<@NotBlank String>> defaultGroups();

    /** Who an escalating review is reassigned to; required when {@link #onExpiry()} is {@code escalate}. */
    Optional<List<String>> escalationGroups();

    /** The new review window an escalation opens (never past Step Functions' own timeoutAt). */
    @WithDefault("24h")
    @DurationMin(inclusive = false)
    Duration escalationWindow();
}
