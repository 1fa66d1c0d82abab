package dev.signoff.decision;

import dev.signoff.config.NotLongerThan;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** How callbacks reach Step Functions. Out-of-range values stop the app at start-up, naming the property. */
@ConfigMapping(prefix = "signoff.callbacks")
@NotLongerThan(value = "initial-backoff", limit = "max-backoff")
public interface DispatchConfig {

    /** Run the dispatcher in this instance. */
    @WithDefault("true")
    boolean enabled();

    /** Step Functions endpoint; empty for AWS's regional endpoint. The sandbox points it at its stand-in. */
    Optional<URI> endpointOverride();

    /** AWS region; empty for the SDK's default region provider chain (AWS_REGION etc.). */
    Optional<String> region();

    /** Static credentials, for the sandbox and tests only; production uses the default credential chain. */
    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();

    /** Delivery attempts before a callback is given up as DELIVERY_FAILED. */
    @WithDefault("20")
    @Min(1)
    int maxAttempts();

    /** First retry delay; doubles per attempt (with jitter) up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    @DurationMin(inclusive = false)
    Duration initialBackoff();

    @WithDefault("5m")
    @DurationMin(inclusive = false)
    Duration maxBackoff();

    /** How long an instance owns a claimed callback before another may take it over (crash recovery). */
    @WithDefault("2m")
    @DurationMin(inclusive = false)
    Duration lease();

    /** How often the dispatcher looks for due retries when nothing wakes it. */
    @WithDefault("5s")
    @DurationMin(inclusive = false)
    Duration pollInterval();

    /** How often heartbeats are sent and passed deadlines are swept (see TaskUpkeep). */
    @WithDefault("15s")
    @DurationMin(inclusive = false)
    Duration upkeepInterval();

    /**
     * Callbacks claimed and not yet settled at once (with one sender: claimed per round). Two for each sender, so no
     * sender waits on a claim, and few, so each is still sent well inside its lease (one whose turn comes late is
     * renewed first, and a result is recorded only under the claim that sent it).
     */
    @WithDefault("16")
    @Min(1)
    int batchSize();

    /**
     * Callbacks one instance sends at the same time. Each send waits on Step Functions and on two
     * short transaction, so one at a time caps an instance far below the SendTask* quota (docs/performance.md).
     */
    @WithDefault("8")
    @Min(1)
    @Max(64)
    int senders();

    /** Bound on one Step Functions call, the SDK's own retries included (the SDK's apiCallTimeout). */
    @WithDefault("20s")
    @DurationMin(inclusive = false)
    Duration callTimeout();

    /** Bound on each HTTP attempt within a call (the SDK's apiCallAttemptTimeout). */
    @WithDefault("5s")
    @DurationMin(inclusive = false)
    Duration callAttemptTimeout();

    /**
     * Heartbeats one instance sends at the same time: a slow answer for one task does not hold up the others past
     * their HeartbeatSeconds.
     */
    @WithDefault("4")
    @Min(1)
    @Max(64)
    int heartbeatThreads();

    /**
     * Readiness turns DOWN while a due callback has waited longer than this to be sent (the dispatchers are not keeping
     * up). Several poll intervals and a slow call above the normal wait, so a busy minute does not flap it.
     */
    @WithDefault("5m")
    @DurationMin(inclusive = false)
    Duration maxBacklogAge();
}
