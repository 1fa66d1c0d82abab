package dev.signoff.decision;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * One {@link RateLimiter} per group of Step Functions operations, as {@link StepFunctionsLimits} sets them. A call
 * refused here never reaches AWS, so it is counted here ({@value #REFUSED}), not among the SDK's calls.
 */
@ApplicationScoped
public class StepFunctionsRates {

    private final RateLimiter sendTask;
    private final RateLimiter describeExecution;
    private final RateLimiter executionHistory;
    private final Duration maxWait;
    private final Counter sendTaskRefused;
    private final Counter describeRefused;
    private final Counter historyRefused;

    static final String REFUSED = "signoff.stepfunctions.rate.limited";

    @Inject
    StepFunctionsRates(StepFunctionsLimits limits, MeterRegistry registry) {
        this(
                RateLimiter.perSecond(limits.sendTaskRate()),
                RateLimiter.perSecond(limits.describeExecutionRate()),
                RateLimiter.perSecond(limits.getExecutionHistoryRate()),
                limits.maxWait(),
                registry);
    }

    StepFunctionsRates(
            RateLimiter sendTask,
            RateLimiter describeExecution,
            RateLimiter executionHistory,
            Duration maxWait,
            MeterRegistry registry) {
        this.sendTask = sendTask;
        this.describeExecution = describeExecution;
        this.executionHistory = executionHistory;
        this.maxWait = maxWait;
        this.sendTaskRefused = refused(registry, "send-task");
        this.describeRefused = refused(registry, "describe-execution");
        this.historyRefused = refused(registry, "get-execution-history");
    }

    private static Counter refused(MeterRegistry registry, String group) {
        return Counter.builder(REFUSED)
                .description("Step Functions calls Signoff did not make: its own rate limit would have held them past"
                        + " signoff.step-functions.max-wait")
                .tag("group", group)
                .register(registry);
    }

    /** No limit worth the name: for tests of the gateway that are about something else. */
    static StepFunctionsRates unlimited() {
        RateLimiter none = RateLimiter.perSecond(1_000_000);
        return new StepFunctionsRates(none, none, none, Duration.ZERO, new SimpleMeterRegistry());
    }

    /** A permit for one SendTask* call, waiting at most {@code max-wait}. */
    boolean sendTask() {
        return counted(sendTask.acquire(maxWait), sendTaskRefused);
    }

    boolean describeExecution() {
        return counted(describeExecution.acquire(maxWait), describeRefused);
    }

    /** A permit for one history page, waiting at most {@code max-wait} and never past {@code left}. */
    boolean historyPage(Duration left) {
        return counted(executionHistory.acquire(left.compareTo(maxWait) < 0 ? left : maxWait), historyRefused);
    }

    private static boolean counted(boolean permitted, Counter refused) {
        if (!permitted) {
            refused.increment();
        }
        return permitted;
    }
}
