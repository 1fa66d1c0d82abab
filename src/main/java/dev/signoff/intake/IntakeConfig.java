package dev.signoff.intake;

import dev.signoff.config.NotLongerThan;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * How Signoff reads review requests from SQS. Values outside the ranges below stop the app at start-up with the
 * property named (Quarkus validates config mappings), instead of being bent into range where they are used.
 */
@ConfigMapping(prefix = "signoff.intake")
@NotLongerThan(value = "error-backoff", limit = "max-error-backoff")
public interface IntakeConfig {

    /** Start the pollers with the app. Off in tests that drive intake by hand. */
    @WithDefault("true")
    boolean enabled();

    /** URL of the review-request queue. */
    String queueUrl();

    /** URL of the queue's dead-letter queue, shown to admins (depth, peek, redrive, delete); intake never reads it. */
    Optional<String> deadLetterQueueUrl();

    /**
     * URL of the queue of Step Functions "Execution Status Change" events (EventBridge rule target). When set,
     * reviews of executions that ended (SUCCEEDED, FAILED, TIMED_OUT, ABORTED) before anyone decided are cancelled.
     * Unset: nothing reads it, and such reviews stay open until their deadline, a heartbeat or a decision finds out.
     */
    Optional<String> executionEventsQueueUrl();

    /** Number of concurrent long-polling consumers. */
    @WithDefault("1")
    @Min(1)
    int pollers();

    /** Long-poll wait per receive; SQS allows 0-20 s. */
    @WithDefault("20")
    @Min(0)
    @Max(20)
    int waitSeconds();

    /** Messages per receive; SQS allows 1-10. */
    @WithDefault("10")
    @Min(1)
    @Max(10)
    int batchSize();

    /** Pause after a failed receive before trying again; doubles up to {@link #maxErrorBackoff()}. */
    @WithDefault("1s")
    @DurationMin(inclusive = false)
    Duration errorBackoff();

    @WithDefault("30s")
    @DurationMin(inclusive = false)
    Duration maxErrorBackoff();

    /** How long shutdown waits for in-flight batches to finish; 0 does not wait. */
    @WithDefault("30s")
    @DurationMin(seconds = 0)
    Duration shutdownGrace();

    /** Readiness asks SQS for the review queue's attributes; a call that takes longer than this counts as unreachable. */
    @WithDefault("2s")
    @DurationMin(inclusive = false)
    Duration readinessTimeout();

    /** How long readiness reuses SQS's last answer, so frequent probes do not each call SQS. */
    @WithDefault("15s")
    @DurationMin(seconds = 0)
    Duration readinessCache();
}
