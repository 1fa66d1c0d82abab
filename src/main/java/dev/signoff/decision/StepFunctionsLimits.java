package dev.signoff.decision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Signoff's own ceiling on its Step Functions calls, per instance and per group of operations that share an AWS quota,
 * kept well under the account's quotas (docs/configuration.md) so a backlog of heartbeats or callbacks never throttles
 * the account for the workflows themselves. Each group saves up at most one second of calls.
 */
@ConfigMapping(prefix = "signoff.step-functions")
public interface StepFunctionsLimits {

    /** SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat together, calls per second. */
    @WithDefault("400")
    @Min(1)
    int sendTaskRate();

    /** DescribeExecution calls per second (the reconciliation sweep's included). */
    @WithDefault("10")
    @Min(1)
    int describeExecutionRate();

    /** GetExecutionHistory pages per second (the dispatcher's check whether a callback landed). */
    @WithDefault("10")
    @Min(1)
    int getExecutionHistoryRate();

    /**
     * Longest a call waits for its turn; past that it is not made and the caller tries again later, as after
     * throttling: a lease or a round is never held up behind the limiter.
     */
    @WithDefault("2s")
    @DurationMin
    Duration maxWait();
}
