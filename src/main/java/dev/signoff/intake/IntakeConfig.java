package dev.signoff.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How Signoff reads review requests from SQS. */
@ConfigMapping(prefix = "signoff.intake")
public interface IntakeConfig {

    /** Start the pollers with the app. Off in tests that drive intake by hand. */
    @WithDefault("true")
    boolean enabled();

    /** URL of the review-request queue. */
    String queueUrl();

    /** URL of the queue's dead-letter queue, shown to admins; Signoff never reads from it. */
    Optional<String> deadLetterQueueUrl();

    /**
     * URL of the queue of Step Functions "Execution Status Change" events (EventBridge rule target). When set,
     * reviews of executions that ended (SUCCEEDED, FAILED, TIMED_OUT, ABORTED) before anyone decided are cancelled.
     * Unset: nothing reads it, and such reviews stay open until their deadline, a heartbeat or a decision finds out.
     */
    Optional<String> executionEventsQueueUrl();

    /** Number of concurrent long-polling consumers. */
    @WithDefault("1")
    int pollers();

    /** Long-poll wait per receive (0-20 s). */
    @WithDefault("20")
    int waitSeconds();

    /** Messages per receive (1-10). */
    @WithDefault("10")
    int batchSize();

    /** Pause after a failed receive before trying again; doubles up to {@link #maxErrorBackoff()}. */
    @WithDefault("1s")
    Duration errorBackoff();

    @WithDefault("30s")
    Duration maxErrorBackoff();

    /** How long shutdown waits for in-flight batches to finish. */
    @WithDefault("30s")
    Duration shutdownGrace();
}
